// Reads generation numbers from git's commit-graph file (or chain), which make the ahead/behind walk exact.

import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

const SIGNATURE = 'CGPH';
const CHUNK_OID_FANOUT = 0x4f494446; // "OIDF"
const CHUNK_OID_LOOKUP = 0x4f49444c; // "OIDL"
const CHUNK_COMMIT_DATA = 0x43444154; // "CDAT"
const COMMIT_DATA_BYTES = 36;
/** Remembered answers at most (a few MB); then they are forgotten and looked up again. */
const MAX_KNOWN = 200_000;

/** One commit-graph file: its commits (sorted ids) and each one's topological level. */
class GraphLayer {
  private constructor(
    private readonly data: Buffer,
    private readonly fanout: number,
    private readonly oids: number,
    private readonly commitData: number,
  ) {}

  /** Parses a graph file; null when it is not one this reader understands (then the walk uses dates only). */
  static parse(data: Buffer): GraphLayer | null {
    if (data.length < 8 || data.toString('latin1', 0, 4) !== SIGNATURE || data[4] !== 1 || data[5] !== 1) return null;
    const chunkCount = data[6]!;
    const chunks = new Map<number, number>();
    for (let i = 0; i < chunkCount; i++) {
      const entry = 8 + i * 12;
      if (entry + 12 > data.length) return null;
      chunks.set(data.readUInt32BE(entry), Number(data.readBigUInt64BE(entry + 4)));
    }
    const fanout = chunks.get(CHUNK_OID_FANOUT);
    const oids = chunks.get(CHUNK_OID_LOOKUP);
    const commitData = chunks.get(CHUNK_COMMIT_DATA);
    if (fanout === undefined || oids === undefined || commitData === undefined) return null;
    const layer = new GraphLayer(data, fanout, oids, commitData);
    return commitData + layer.count * COMMIT_DATA_BYTES <= data.length ? layer : null;
  }

  get count(): number {
    return this.data.readUInt32BE(this.fanout + 255 * 4);
  }

  /** The topological level of `oid` (roots are 1), 0 when unknown to this layer or not computed by the writer. */
  generation(wanted: Buffer): number {
    const first = wanted[0]!;
    let low = first === 0 ? 0 : this.data.readUInt32BE(this.fanout + (first - 1) * 4);
    let high = this.data.readUInt32BE(this.fanout + first * 4);
    // The first four bytes as a number settle almost every step without a call into Buffer.compare (a native call
    // each, which dominated a cold board's walks).
    const head = wanted.readUInt32BE(0);
    while (low < high) {
      const middle = (low + high) >>> 1;
      const start = this.oids + middle * 20;
      const other = this.data.readUInt32BE(start);
      const order = other !== head ? (other < head ? -1 : 1) : this.data.compare(wanted, 4, 20, start + 4, start + 20);
      if (order === 0) return this.data.readUInt32BE(this.commitData + middle * COMMIT_DATA_BYTES + 28) >>> 2;
      if (order < 0) low = middle + 1;
      else high = middle;
    }
    return 0;
  }
}

/** Generation numbers of the commits in the repository's commit-graph, reloaded when the file changes. */
export class CommitGraph {
  private layers: GraphLayer[] = [];
  private stamp = '';
  /** Answers already looked up: a board asks about the same commits from several walks. */
  private readonly known = new Map<string, number>();
  /** The refresh under way: the walks a board or a push starts at once share one look at the files, not one each. */
  private refreshing: Promise<void> | null = null;

  constructor(private readonly objectsDir: string) {}

  private async currentStamp(): Promise<{ stamp: string; files: string[] }> {
    const info = join(this.objectsDir, 'info');
    const single = join(info, 'commit-graph');
    const chainFile = join(info, 'commit-graphs', 'commit-graph-chain');
    const chain = await readFile(chainFile, 'utf8').catch(() => null);
    const files = chain
      ? chain
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => /^[0-9a-f]{40}$/.test(line))
          .map((hash) => join(info, 'commit-graphs', `graph-${hash}.graph`))
      : [single];
    const stats = await Promise.all(files.map((file) => stat(file).catch(() => null)));
    return { stamp: stats.map((s, i) => (s ? `${files[i]}:${s.size}:${s.mtimeMs}` : '-')).join('|'), files };
  }

  /** Loads the graph if it appeared or changed since the last call. */
  refresh(): Promise<void> {
    this.refreshing ??= this.reload().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async reload(): Promise<void> {
    const { stamp, files } = await this.currentStamp();
    if (stamp === this.stamp) return;
    this.stamp = stamp;
    const layers = await Promise.all(files.map(async (file) => GraphLayer.parse(await readFile(file).catch(() => Buffer.alloc(0)))));
    // A chain with a missing or unreadable layer is not trusted at all, as git does.
    this.layers = layers.every((layer) => layer !== null) ? (layers as GraphLayer[]) : [];
    this.known.clear();
  }

  /** True when generation numbers are available. */
  get available(): boolean {
    return this.layers.length > 0;
  }

  /** The commit's generation (topological level), or Infinity when the graph does not know it (newer than the graph). */
  generation(oid: string): number {
    const known = this.known.get(oid);
    if (known !== undefined) return known;
    let found = Infinity;
    if (this.layers.length > 0) {
      const wanted = Buffer.from(oid, 'hex');
      for (const layer of this.layers) {
        const generation = layer.generation(wanted);
        if (generation > 0) {
          found = generation;
          break;
        }
      }
    }
    if (this.known.size >= MAX_KNOWN) this.known.clear();
    this.known.set(oid, found);
    return found;
  }
}
