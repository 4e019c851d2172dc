// Reads a pack's `.idx` file (version 2): fanout table, sorted object ids, 32- and 64-bit offsets.

import { readFile } from 'node:fs/promises';
import { FleetError } from '../../../shared/errors';

const MAGIC = 0xff744f63; // "\377tOc"
const HEADER_BYTES = 8;
const FANOUT_BYTES = 256 * 4;
const LARGE_OFFSET_FLAG = 0x80000000;

/** The object ids of one pack and where each starts in the `.pack` file, searched in memory. */
export class PackIndex {
  private constructor(
    private readonly data: Buffer,
    readonly count: number,
    private readonly oidTable: number,
    private readonly offsetTable: number,
    private readonly largeOffsetTable: number,
  ) {}

  /** Loads and checks an index file; a damaged or unsupported index is GIT_CORRUPT naming the file. */
  static async load(path: string): Promise<PackIndex> {
    const data = await readFile(path);
    const bad = (reason: string) =>
      new FleetError('GIT_CORRUPT', `The pack index ${path} cannot be read (${reason}). Run "git fsck" or "git repack -ad" in the repository.`, { path });
    if (data.length < HEADER_BYTES + FANOUT_BYTES + 40) throw bad('file too short');
    if (data.readUInt32BE(0) !== MAGIC) throw bad('version 1 or unknown format');
    if (data.readUInt32BE(4) !== 2) throw bad(`version ${data.readUInt32BE(4)}`);
    const count = data.readUInt32BE(HEADER_BYTES + 255 * 4);
    const oidTable = HEADER_BYTES + FANOUT_BYTES;
    const crcTable = oidTable + count * 20;
    const offsetTable = crcTable + count * 4;
    const largeOffsetTable = offsetTable + count * 4;
    if (data.length < largeOffsetTable + 40) throw bad('tables cut short');
    return new PackIndex(data, count, oidTable, offsetTable, largeOffsetTable);
  }

  /** The object id at sorted position `index`. */
  oidAt(index: number): string {
    const start = this.oidTable + index * 20;
    return this.data.toString('hex', start, start + 20);
  }

  /** The pack offset of the object at sorted position `index`, following the 64-bit table when flagged. */
  offsetAt(index: number): number {
    const small = this.data.readUInt32BE(this.offsetTable + index * 4);
    if (!(small & LARGE_OFFSET_FLAG)) return small;
    const slot = small & ~LARGE_OFFSET_FLAG;
    return Number(this.data.readBigUInt64BE(this.largeOffsetTable + slot * 8));
  }

  /** Where `oid` starts in the pack, or null when this pack does not hold it (fanout, then binary search). */
  findOffset(oid: string): number | null {
    const wanted = Buffer.from(oid, 'hex');
    if (wanted.length !== 20) return null;
    const first = wanted[0]!;
    let low = first === 0 ? 0 : this.data.readUInt32BE(HEADER_BYTES + (first - 1) * 4);
    let high = this.data.readUInt32BE(HEADER_BYTES + first * 4);
    while (low < high) {
      const middle = (low + high) >>> 1;
      const start = this.oidTable + middle * 20;
      const order = this.data.compare(wanted, 0, 20, start, start + 20);
      if (order === 0) return this.offsetAt(middle);
      if (order < 0) low = middle + 1;
      else high = middle;
    }
    return null;
  }
}
