// Reads single entries of a `.pack` file with positional reads on an open file: never the whole pack. The file is
// opened (and its header checked) synchronously, as its blocks are read (pack-blocks.ts): three trips through the
// thread pool per pack kept a command's first read of each pack waiting 2-6 ms behind whatever else was running.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { promisify } from 'node:util';
import { inflate, inflateSync, type ZlibOptions } from 'node:zlib';
import { FleetError } from '../../../shared/errors';
import type { PackBlockCache } from './pack-blocks';
import type { ObjectType } from './types';

/** One pack entry, inflated: a whole object, or a delta against a base found by offset or by id. */
export type PackEntry =
  | { kind: 'object'; type: ObjectType; data: Buffer }
  | { kind: 'ofs-delta'; baseOffset: number; data: Buffer }
  | { kind: 'ref-delta'; baseOid: string; data: Buffer };

const TYPE_BY_CODE: Record<number, ObjectType> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag' };
const OFS_DELTA = 6;
const REF_DELTA = 7;
/** Enough for the header and the whole compressed body of most commits, trees and deltas: one read each. */
const FIRST_READ_BYTES = 8192;
const TRAILER_BYTES = 20;
/**
 * Objects at least this large inflate in libuv's thread pool: a few megabytes inflated synchronously would hold the
 * event loop for tens of milliseconds. Smaller ones inflate synchronously, far cheaper than a trip to the pool.
 */
const ASYNC_INFLATE_BYTES = 64 * 1024;
const inflateAsync = promisify(inflate) as (data: Buffer, options: ZlibOptions) => Promise<Buffer>;
/** Handles left unused this long are closed, so `git gc` can remove old packs (Windows refuses while open). */
const IDLE_CLOSE_MS = 5000;

/** zlib's worst case for `size` input bytes (deflateBound), plus a margin for other deflate implementations. */
function compressedBound(size: number): number {
  return size + Math.floor(size / 4096) + Math.floor(size / 16384) + Math.floor(size / 33554432) + 64;
}

/** What identifies the pack file an index was loaded with; a file replaced under the same name must not be read. */
export interface PackIdentity {
  ino: number;
  size: number;
}

/** Thrown when the file at the pack's path is no longer the one its index describes (git repack rewrote it). */
export class PackReplacedError extends Error {}

/** The pack file while it is open: its descriptor, and where its entries end (the trailer's checksum follows). */
interface OpenPack {
  fd: number;
  dataEnd: number;
}

/** A `.pack` file opened on demand; reads an entry through the shared block cache, large objects directly. */
export class PackFile {
  private opened: OpenPack | null = null;
  private activeReads = 0;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly path: string,
    private readonly identity: PackIdentity,
    /** Key of this pack in the block cache: unique per loaded index. */
    private readonly cacheKey: string,
    private readonly blocks: PackBlockCache,
  ) {}

  private corrupt(offset: number, reason: string): FleetError {
    return new FleetError('GIT_CORRUPT', `The pack ${this.path} is damaged at offset ${offset} (${reason}). Run "git fsck" in the repository.`, {
      path: this.path,
      offset,
    });
  }

  private openHandle(): OpenPack {
    const fd = openSync(this.path, 'r');
    try {
      const { size, ino } = fstatSync(fd);
      if (size !== this.identity.size || ino !== this.identity.ino) throw new PackReplacedError(`${this.path} was replaced`);
      const header = Buffer.alloc(12);
      readSync(fd, header, 0, 12, 0);
      if (header.toString('latin1', 0, 4) !== 'PACK') throw this.corrupt(0, 'not a pack file');
      return { fd, dataEnd: size - TRAILER_BYTES };
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  private async withHandle<T>(work: (fd: number, dataEnd: number) => Promise<T>): Promise<T> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.opened ??= this.openHandle();
    const { fd, dataEnd } = this.opened;
    this.activeReads++;
    try {
      return await work(fd, dataEnd);
    } finally {
      this.activeReads--;
      this.scheduleIdleClose();
    }
  }

  private scheduleIdleClose(): void {
    if (this.activeReads > 0 || !this.opened) return;
    this.idleTimer = setTimeout(() => void this.close(), IDLE_CLOSE_MS);
    this.idleTimer.unref();
  }

  private readAt(fd: number, position: number, length: number): Promise<Buffer> {
    return this.blocks.read(this.cacheKey, fd, position, length);
  }

  /** Reads and inflates the entry that starts at `offset`. */
  readEntry(offset: number): Promise<PackEntry> {
    return this.withHandle(async (fd, dataEnd) => {
      if (offset < 12 || offset >= dataEnd) throw this.corrupt(offset, 'offset outside the pack');
      let chunk = await this.readAt(fd, offset, Math.min(FIRST_READ_BYTES, dataEnd - offset));
      let position = 0;
      const next = () => {
        if (position >= chunk.length) throw this.corrupt(offset, 'truncated header');
        return chunk[position++]!;
      };
      let byte = next();
      const typeCode = (byte >> 4) & 7;
      let size = byte & 15;
      let shift = 4;
      while (byte & 0x80) {
        byte = next();
        size += (byte & 0x7f) * 2 ** shift;
        shift += 7;
      }
      let baseOffset = 0;
      let baseOid = '';
      if (typeCode === OFS_DELTA) {
        byte = next();
        let distance = byte & 0x7f;
        while (byte & 0x80) {
          byte = next();
          distance = (distance + 1) * 128 + (byte & 0x7f);
        }
        baseOffset = offset - distance;
        if (baseOffset < 12) throw this.corrupt(offset, 'delta base before the start of the pack');
      } else if (typeCode === REF_DELTA) {
        if (position + 20 > chunk.length) throw this.corrupt(offset, 'truncated delta base id');
        baseOid = chunk.toString('hex', position, position + 20);
        position += 20;
      } else if (!TYPE_BY_CODE[typeCode]) {
        throw this.corrupt(offset, `unknown entry type ${typeCode}`);
      }

      let wanted = Math.min(position + compressedBound(size), dataEnd - offset);
      let data: Buffer | null = null;
      while (data === null) {
        if (chunk.length < wanted) chunk = await this.readAt(fd, offset, wanted);
        try {
          // An output chunk of the declared size avoids allocating (and collecting) 16 KB for every small object.
          const options = { chunkSize: Math.max(64, size + 16) };
          data = size >= ASYNC_INFLATE_BYTES ? await inflateAsync(chunk.subarray(position), options) : inflateSync(chunk.subarray(position), options);
        } catch (error) {
          // The bound was too tight for this compressor: read further, up to the end of the pack.
          if (chunk.length >= dataEnd - offset) throw this.corrupt(offset, `cannot inflate: ${(error as Error).message}`);
          wanted = Math.min(wanted * 2, dataEnd - offset);
        }
      }
      if (data.length !== size) throw this.corrupt(offset, `inflated to ${data.length} bytes, header says ${size}`);
      if (typeCode === OFS_DELTA) return { kind: 'ofs-delta', baseOffset, data };
      if (typeCode === REF_DELTA) return { kind: 'ref-delta', baseOid, data };
      return { kind: 'object', type: TYPE_BY_CODE[typeCode]!, data };
    });
  }

  /** Closes the file if no read is using it; the next read opens it again. */
  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.activeReads > 0 || !this.opened) return;
    const { fd } = this.opened;
    this.opened = null;
    closeSync(fd);
  }
}
