// Reads byte ranges of pack files through a shared cache of fixed-size blocks, so neighbouring entries cost one read.
// The reads are synchronous on the open file, as loose objects' are (loose-objects.ts): a block is 64 KB of a local
// file, almost always in the page cache, and a history walk reads its commits one after another; a trip through the
// thread pool per block cost more than the read (a cold `fleet-control status` sat idle for ~30 ms waiting on them).

import { read, readSync } from 'node:fs';
import { promisify } from 'node:util';
import { ByteLruCache } from './byte-lru-cache';

const BLOCK_BYTES = 64 * 1024;
/** Ranges longer than this (large objects) are read directly (and asynchronously), without passing through the cache. */
const DIRECT_READ_BYTES = 4 * BLOCK_BYTES;
/** Default budget for cached blocks, shared by every pack of a repository. */
export const DEFAULT_BLOCK_CACHE_BYTES = 16 * 1024 * 1024;

const readAsync = promisify(read);

/** Reads exactly `length` bytes at `position` of the open file `fd` (fewer only at the end of the file). */
export async function readExactly(fd: number, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await readAsync(fd, buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === length ? buffer : buffer.subarray(0, filled);
}

/** readExactly for one block, synchronously (see the header); large objects still go through readExactly. */
function readBlockSync(fd: number, position: number): Buffer {
  const buffer = Buffer.allocUnsafe(BLOCK_BYTES);
  let filled = 0;
  while (filled < BLOCK_BYTES) {
    const bytesRead = readSync(fd, buffer, filled, BLOCK_BYTES - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === BLOCK_BYTES ? buffer : buffer.subarray(0, filled);
}

/** Blocks of pack files by "<pack key>#<block index>", bounded by bytes. */
export class PackBlockCache {
  private readonly blocks: ByteLruCache<Buffer>;

  constructor(maxBytes = DEFAULT_BLOCK_CACHE_BYTES) {
    this.blocks = new ByteLruCache(maxBytes, BLOCK_BYTES);
  }

  private block(packKey: string, fd: number, index: number): Promise<Buffer> {
    const key = `${packKey}#${index}`;
    const cached = this.blocks.get(key);
    if (cached) return Promise.resolve(cached);
    try {
      const data = readBlockSync(fd, index * BLOCK_BYTES);
      this.blocks.set(key, data, data.length);
      return Promise.resolve(data);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /** `length` bytes at `position` of the pack known as `packKey` (fewer at the end of the file). */
  async read(packKey: string, fd: number, position: number, length: number): Promise<Buffer> {
    if (length > DIRECT_READ_BYTES) return readExactly(fd, position, length);
    const first = Math.floor(position / BLOCK_BYTES);
    const last = Math.floor((position + length - 1) / BLOCK_BYTES);
    const start = position - first * BLOCK_BYTES;
    if (first === last) return (await this.block(packKey, fd, first)).subarray(start, start + length);
    const parts: Promise<Buffer>[] = [];
    for (let index = first; index <= last; index++) parts.push(this.block(packKey, fd, index));
    // Copy only the wanted bytes of each block, not the blocks themselves.
    const out = Buffer.allocUnsafe(length);
    let filled = 0;
    for (const [i, block] of (await Promise.all(parts)).entries()) {
      const from = i === 0 ? start : 0;
      filled += block.copy(out, filled, from, Math.min(block.length, from + length - filled));
      if (block.length < BLOCK_BYTES) break;
    }
    return filled === length ? out : out.subarray(0, filled);
  }
}
