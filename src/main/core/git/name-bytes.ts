// Tree entry names are bytes; the core carries them as strings that round-trip exactly (surrogateescape, as
// Python's os.fsdecode): valid UTF-8 decodes as usual, each byte of an invalid sequence becomes U+DC80+byte.

import { FleetError } from '../../../shared/errors';

const REPLACEMENT = '\ufffd';
const ANY_SURROGATE = /[\ud800-\udfff]/;
// A lone low surrogate in U+DC80..U+DCFF (an escaped byte); well-formed pairs are ordinary characters.
const ESCAPED_BYTE = /(?<![\ud800-\udbff])[\udc80-\udcff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Length of the well-formed UTF-8 sequence starting at `at` (Unicode's table 3-7), or 0 when it is not one. */
function validSequenceLength(bytes: Buffer, at: number, end: number): number {
  const lead = bytes[at]!;
  if (lead < 0x80) return 1;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0; // overlong
    if (lead === 0xed) high = 0x9f; // UTF-16 surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90; // overlong
    if (lead === 0xf4) high = 0x8f; // above U+10FFFF
  } else return 0;
  if (at + length > end) return 0;
  const second = bytes[at + 1]!;
  if (second < low || second > high) return 0;
  for (let i = 2; i < length; i++) {
    const next = bytes[at + i]!;
    if (next < 0x80 || next > 0xbf) return 0;
  }
  return length;
}

/** Decodes a name's bytes (`bytes[start, end)`): valid UTF-8 as text, each byte of an invalid sequence as U+DC80+byte. */
export function decodeName(bytes: Buffer, start = 0, end = bytes.length): string {
  const text = bytes.toString('utf8', start, end);
  // Node turns every invalid sequence into U+FFFD; without one the bytes were valid UTF-8 (the common case).
  if (!text.includes(REPLACEMENT)) return text;
  let result = '';
  let runStart = start;
  let at = start;
  while (at < end) {
    const length = validSequenceLength(bytes, at, end);
    if (length > 0) {
      at += length;
      continue;
    }
    result += bytes.toString('utf8', runStart, at) + String.fromCharCode(0xdc00 + bytes[at]!);
    at += 1;
    runStart = at;
  }
  return result + bytes.toString('utf8', runStart, end);
}

function notAName(name: string, reason: string): FleetError {
  return new FleetError('INVALID_INPUT', `The name "${name}" cannot be stored: ${reason}.`, { name });
}

/** The bytes of a name `decodeName` produced; INVALID_INPUT for a string no bytes decode to (a lone surrogate of another kind). */
export function encodeName(name: string): Buffer {
  if (!ANY_SURROGATE.test(name)) return Buffer.from(name, 'utf8');
  const parts: Buffer[] = [];
  let runStart = 0;
  for (let i = 0; i < name.length; i++) {
    const unit = name.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = name.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else throw notAName(name, 'it holds a lone surrogate that stands for no byte');
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      if (unit < 0xdc80 || unit > 0xdcff) throw notAName(name, 'it holds a lone surrogate that stands for no byte');
      parts.push(Buffer.from(name.slice(runStart, i), 'utf8'), Buffer.of(unit - 0xdc00));
      runStart = i + 1;
    }
  }
  parts.push(Buffer.from(name.slice(runStart), 'utf8'));
  const bytes = Buffer.concat(parts);
  // Escaped bytes that form valid UTF-8 would decode to other text: two strings for one name is how names collide.
  if (decodeName(bytes) !== name) throw notAName(name, 'its escaped bytes spell valid UTF-8 and must be written as that text');
  return bytes;
}

/** True when `name` holds bytes that are not UTF-8 (escaped as U+DC80..U+DCFF). */
export function hasEscapedBytes(name: string): boolean {
  return ESCAPED_BYTE.test(name);
}

/** True when `name` is a string some bytes decode to (no lone surrogate outside the escapes, escapes in canonical form). */
export function isEncodableName(name: string): boolean {
  if (!LONE_SURROGATE.test(name)) return true;
  try {
    encodeName(name);
    return true;
  } catch {
    return false;
  }
}

/** Orders two names as git orders their bytes (UTF-8 byte order; an escaped byte sorts as that byte). */
export function compareNames(a: string, b: string): number {
  if (!ANY_SURROGATE.test(a) && !ANY_SURROGATE.test(b)) {
    // Without surrogates, UTF-16 order is code point order is UTF-8 byte order, except for U+E000..U+FFFF vs pairs,
    // which only the slow path below sees (pairs are surrogates).
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return Buffer.compare(encodeName(a), encodeName(b));
}
