// Writes a version-2 pack stream from whole objects read through GitRepository (no deltas: the server accepts
// them as they are, and for a push of new documents deltas would save little): header, one zlib stream per
// object, SHA-1 trailer. Memory stays flat: chunks are produced as the request body asks for them.

import { createHash } from 'node:crypto';
import { deflateSync, constants as zlibConstants } from 'node:zlib';
import type { GitRepository } from '../git/repository';
import type { ObjectType } from '../git/types';

const TYPE_CODES: Record<ObjectType, number> = { commit: 1, tree: 2, blob: 3, tag: 4 };
const CHUNK_BYTES = 256 * 1024;

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

/**
 * The pack holding `oids`, as chunks of about 256 KB. `onObject` is told how many objects are written so far.
 * Speed over size: level 1 deflate, as the bytes go straight to the network once.
 */
export async function* writePack(repo: GitRepository, oids: string[], onObject?: (written: number) => void): AsyncGenerator<Buffer> {
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
  for (let i = 0; i < oids.length; i++) {
    const object = await repo.readObject(oids[i]!);
    add(packEntryHeader(object.type, object.content.length));
    add(deflateSync(object.content, { level: zlibConstants.Z_BEST_SPEED }));
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
