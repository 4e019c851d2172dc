// Reads byte ranges of pack files through a shared cache of fixed-size blocks, so neighbouring entries cost one read.

import type { FileHandle } from 'node:fs/promises';
import { ByteLruCache } from './byte-lru-cache';

const BLOCK_BYTES = 64 * 1024;
/** Ranges longer than this (large objects) are read directly, without passing through the cache. */
const DIRECT_READ_BYTES = 4 * BLOCK_BYTES;
/** Default budget for cached blocks, shared by every pack of a repository. */
export const DEFAULT_BLOCK_CACHE_BYTES = 16 * 1024 * 1024;

/** Reads exactly `length` bytes at `position` (fewer only at the end of the file). */
export async function readExactly(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await file.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === length ? buffer : buffer.subarray(0, filled);
}

/** Blocks of pack files by "<pack key>#<block index>", bounded by bytes; concurrent reads of a block share one read. */
export class PackBlockCache {
  private readonly blocks: ByteLruCache<Buffer>;
  private readonly inFlight = new Map<string, Promise<Buffer>>();

  constructor(maxBytes = DEFAULT_BLOCK_CACHE_BYTES) {
    this.blocks = new ByteLruCache(maxBytes, BLOCK_BYTES);
  }

  private block(packKey: string, file: FileHandle, index: number): Promise<Buffer> {
    const key = `${packKey}#${index}`;
    const cached = this.blocks.get(key);
    if (cached) return Promise.resolve(cached);
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = readExactly(file, index * BLOCK_BYTES, BLOCK_BYTES)
        .then((data) => {
          this.blocks.set(key, data, data.length);
          return data;
        })
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  /** `length` bytes at `position` of the pack known as `packKey` (fewer at the end of the file). */
  async read(packKey: string, file: FileHandle, position: number, length: number): Promise<Buffer> {
    if (length > DIRECT_READ_BYTES) return readExactly(file, position, length);
    const first = Math.floor(position / BLOCK_BYTES);
    const last = Math.floor((position + length - 1) / BLOCK_BYTES);
    const start = position - first * BLOCK_BYTES;
    if (first === last) return (await this.block(packKey, file, first)).subarray(start, start + length);
    const parts: Promise<Buffer>[] = [];
    for (let index = first; index <= last; index++) parts.push(this.block(packKey, file, index));
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
