// Reads one file out of a downloaded artifact (a zip archive, as GitHub serves artifacts): the central directory is
// read from the end, the named entry's stored or deflated bytes are returned, bounded in size. An artifact is input
// from elsewhere: anything malformed is a clear error, never a crash or an unbounded allocation.

import { inflateRawSync } from 'node:zlib';
import { FleetError } from '../../../../shared/errors';

const END_OF_CENTRAL = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;

function malformed(why: string): FleetError {
  return new FleetError('RUNNER_RECORD_MISSING', `The run's artifact is not a readable zip archive (${why}).`);
}

/** The bytes of the entry named `name` in `zip`, or null when the archive has no such entry; at most `maxBytes`. */
export function readZipEntry(zip: Buffer, name: string, maxBytes = 4 * 1024 * 1024): Buffer | null {
  // The end record is in the last 22 + 65535 bytes (its comment is at most 64 KB).
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL) {
      end = i;
      break;
    }
  }
  if (end < 0) throw malformed('no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_ENTRY) throw malformed('a broken central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entryName = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + extra + comment;
    if (entryName !== name) continue;
    if (size > maxBytes) throw malformed(`${name} is ${size} bytes, more than ${maxBytes}`);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL_ENTRY) throw malformed('a broken local header');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    if (data.length !== compressed) throw malformed('a truncated entry');
    if (method === 0) return Buffer.from(data);
    if (method === 8) return inflateRawSync(data, { maxOutputLength: maxBytes });
    throw malformed(`compression method ${method}`);
  }
  return null;
}
