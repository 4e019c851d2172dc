// Repository paths for people: a name's bytes that are not UTF-8 travel as U+DC80+byte (the core's name-bytes.ts) and
// are shown as \xE9-style escapes, so two such names look different and nothing shows as U+FFFD.

// A lone low surrogate in U+DC80..U+DCFF: an escaped byte (one after a high surrogate is half of a real character).
const ESCAPED_BYTE = /(?<![\ud800-\udbff])[\udc80-\udcff]/g;

/** `path` with each byte that is not UTF-8 written as \xHH (upper-case hex); other text unchanged. */
export function displayPath(path: string): string {
  return path.replace(ESCAPED_BYTE, (unit) => `\\x${(unit.charCodeAt(0) - 0xdc00).toString(16).toUpperCase()}`);
}

/** True when `path` holds bytes that are not UTF-8 (its display then shows \xHH escapes). */
export function hasRawBytes(path: string): boolean {
  ESCAPED_BYTE.lastIndex = 0;
  const found = ESCAPED_BYTE.test(path);
  ESCAPED_BYTE.lastIndex = 0;
  return found;
}
