// Reads a pack's `.idx` file, version 2 (fanout, sorted object ids, CRCs, 32- and 64-bit offsets) or version 1 (the
// fanout, then one (4-byte offset, 20-byte id) record per object), as git's own index reader accepts both.

import { FleetError } from '../../../shared/errors';
import { readGitFile } from './git-file-read';

const MAGIC = 0xff744f63; // "\377tOc": a fanout count no version-1 index can start with
const HEADER_BYTES = 8;
const FANOUT_BYTES = 256 * 4;
const CHECKSUMS_BYTES = 40;
const LARGE_OFFSET_FLAG = 0x80000000;

interface Layout {
  version: 1 | 2;
  fanout: number;
  /** Where the first object id starts, and the distance from one id to the next. */
  oidTable: number;
  oidStride: number;
  offsetTable: number;
  offsetStride: number;
  /** The 64-bit offsets of version 2; version 1 has none (its packs stay under 4 GB). */
  largeOffsetTable: number | null;
}

/** The object ids of one pack and where each starts in the `.pack` file, searched in memory. */
export class PackIndex {
  private constructor(
    private readonly data: Buffer,
    readonly count: number,
    private readonly layout: Layout,
  ) {}

  /** Loads and checks an index file (version 1 or 2); a damaged or unsupported index is GIT_CORRUPT naming the file. */
  static async load(path: string): Promise<PackIndex> {
    // Small indexes are read there and then (git-file-read.ts), large ones in the background.
    return PackIndex.parse(await readGitFile(path), path);
  }

  /** Checks index bytes read from `path`. */
  static parse(data: Buffer, path: string): PackIndex {
    const bad = (reason: string) =>
      new FleetError('GIT_CORRUPT', `The pack index ${path} cannot be read (${reason}). Run "git fsck" or "git repack -ad" in the repository.`, { path });
    if (data.length < FANOUT_BYTES + CHECKSUMS_BYTES) throw bad('file too short');
    let layout: Layout;
    let count: number;
    if (data.readUInt32BE(0) === MAGIC) {
      const version = data.readUInt32BE(4);
      if (version !== 2) throw bad(`version ${version}, which Fleet Control does not read`);
      if (data.length < HEADER_BYTES + FANOUT_BYTES + CHECKSUMS_BYTES) throw bad('file too short');
      count = data.readUInt32BE(HEADER_BYTES + 255 * 4);
      const oidTable = HEADER_BYTES + FANOUT_BYTES;
      const offsetTable = oidTable + count * 20 + count * 4; // after the ids and their CRCs
      layout = { version: 2, fanout: HEADER_BYTES, oidTable, oidStride: 20, offsetTable, offsetStride: 4, largeOffsetTable: offsetTable + count * 4 };
      if (data.length < layout.largeOffsetTable! + CHECKSUMS_BYTES) throw bad('tables cut short');
    } else {
      count = data.readUInt32BE(255 * 4);
      layout = { version: 1, fanout: 0, oidTable: FANOUT_BYTES + 4, oidStride: 24, offsetTable: FANOUT_BYTES, offsetStride: 24, largeOffsetTable: null };
      if (data.length !== FANOUT_BYTES + count * 24 + CHECKSUMS_BYTES) throw bad('neither a version 2 index nor a version 1 index of the right size');
    }
    for (let i = 1; i < 256; i++) {
      if (data.readUInt32BE(layout.fanout + i * 4) < data.readUInt32BE(layout.fanout + (i - 1) * 4)) throw bad('its fanout table is not in order');
    }
    return new PackIndex(data, count, layout);
  }

  /** 1 or 2. */
  get version(): 1 | 2 {
    return this.layout.version;
  }

  /** The object id at sorted position `index`. */
  oidAt(index: number): string {
    const start = this.layout.oidTable + index * this.layout.oidStride;
    return this.data.toString('hex', start, start + 20);
  }

  /** The pack offset of the object at sorted position `index`, following the 64-bit table when flagged. */
  offsetAt(index: number): number {
    const small = this.data.readUInt32BE(this.layout.offsetTable + index * this.layout.offsetStride);
    if (this.layout.largeOffsetTable === null || !(small & LARGE_OFFSET_FLAG)) return small;
    const slot = small & ~LARGE_OFFSET_FLAG;
    return Number(this.data.readBigUInt64BE(this.layout.largeOffsetTable + slot * 8));
  }

  /**
   * Where the object whose 20-byte id is `wanted` starts in the pack, or null when this pack does not hold it (fanout,
   * then binary search). The id comes as bytes: a pack set makes them once and asks each of its packs.
   */
  findOffset(wanted: Buffer): number | null {
    const first = wanted[0]!;
    const { fanout, oidTable, oidStride } = this.layout;
    let low = first === 0 ? 0 : this.data.readUInt32BE(fanout + (first - 1) * 4);
    let high = this.data.readUInt32BE(fanout + first * 4);
    while (low < high) {
      const middle = (low + high) >>> 1;
      const start = oidTable + middle * oidStride;
      const order = this.data.compare(wanted, 0, 20, start, start + 20);
      if (order === 0) return this.offsetAt(middle);
      if (order < 0) low = middle + 1;
      else high = middle;
    }
    return null;
  }
}
