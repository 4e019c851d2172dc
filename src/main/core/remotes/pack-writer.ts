// Writes a version-2 pack stream from whole objects read through GitRepository (no deltas: the server accepts
// them as they are, and for a push of new documents deltas would save little): header, one zlib stream per
// object, SHA-1 trailer. Memory stays flat: chunks are produced as the request body asks for them.

import { createHash } from 'node:crypto';
import { deflateSync, constants as zlibConstants } from 'node:zlib';
import type { GitRepository } from '../git/repository';
import type { GitObject, ObjectType } from '../git/types';

const TYPE_CODES: Record<ObjectType, number> = { commit: 1, tree: 2, blob: 3, tag: 4 };
const CHUNK_BYTES = 256 * 1024;
const READ_AHEAD = 32;

/** The type-and-size header of one pack entry (git's variable-length encoding). */
export function packEntryHeader(type: ObjectType, size: number): Buffer {
  const bytes: number[] = [];
  let byte = (TYPE_CODES[type] << 4) | (size & 0x0f);
  let rest = Math.floor(size / 16);
  while (rest > 0) {
    bytes.push(byte | 0x80);
    byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
  }
  bytes.push(byte);
  return Buffer.from(bytes);
}

/** Level 1, with a window no larger than the object needs: zlib's set-up for a 32 KB window dominates small objects. */
function deflateOptions(size: number): { level: number; windowBits: number; memLevel: number } {
  const windowBits = Math.min(15, Math.max(9, Math.ceil(Math.log2(size + 262))));
  return { level: zlibConstants.Z_BEST_SPEED, windowBits, memLevel: Math.max(1, Math.min(8, windowBits - 7)) };
}

/**
 * The pack holding `oids`, as chunks of about 256 KB; `raw` supplies bytes already read. `onObject` is told how
 * many objects are written so far.
 */
export async function* writePack(repo: GitRepository, oids: string[], options: { raw?: Map<string, GitObject>; onObject?: (written: number) => void } = {}): AsyncGenerator<Buffer> {
  const { raw, onObject } = options;
  const hash = createHash('sha1');
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const add = (buffer: Buffer): void => {
    hash.update(buffer);
    pending.push(buffer);
    pendingBytes += buffer.length;
  };
  const header = Buffer.alloc(12);
  header.write('PACK', 0, 'ascii');
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(oids.length, 8);
  add(header);
  // Reads run ahead of the writing (loose objects are one file each: waiting for them one by one is the cost).
  const reads: Promise<GitObject>[] = [];
  let requested = 0;
  for (let i = 0; i < oids.length; i++) {
    while (requested < oids.length && reads.length < READ_AHEAD) {
      const oid = oids[requested++]!;
      const known = raw?.get(oid);
      const read = known ? Promise.resolve(known) : repo.readObject(oid);
      read.catch(() => undefined); // awaited below in order; this only keeps an early failure from being unhandled
      reads.push(read);
    }
    const object = await reads.shift()!;
    add(packEntryHeader(object.type, object.content.length));
    add(deflateSync(object.content, deflateOptions(object.content.length)));
    onObject?.(i + 1);
    if (pendingBytes >= CHUNK_BYTES) {
      yield Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
    }
  }
  pending.push(hash.digest());
  yield Buffer.concat(pending);
}
