// Reads git's commit-graph file (or chain): generation numbers, which make the ahead/behind walk exact, and each
// commit's parents, committer time and tree, which walks take from it instead of inflating the commit (as git does).

import { join } from 'node:path';
import { fileStamp, readGitFile, readGitText } from './git-file-read';

const SIGNATURE = 'CGPH';
const CHUNK_OID_FANOUT = 0x4f494446; // "OIDF"
const CHUNK_OID_LOOKUP = 0x4f49444c; // "OIDL"
const CHUNK_COMMIT_DATA = 0x43444154; // "CDAT"
const CHUNK_EXTRA_EDGES = 0x45444745; // "EDGE": the parents after the first of octopus merges
const COMMIT_DATA_BYTES = 36;
/** A second-parent word meaning "no parent". */
const PARENT_NONE = 0x70000000;
/** Set in a second-parent word: the rest indexes the EDGE list; set in an EDGE entry: the last parent. */
const EDGE_FLAG = 0x80000000;
/** Remembered answers at most (a few MB); then they are forgotten and looked up again. */
const MAX_KNOWN = 200_000;

/** What the graph says of one commit: its parents in order, its committer time (seconds), tree and generation. */
export interface GraphCommit {
  parents: string[];
  time: number;
  tree: string;
  generation: number;
}

/** One commit-graph file: its commits (sorted ids), each one's topological level, parents, time and tree. */
class GraphLayer {
  private constructor(
    private readonly data: Buffer,
    private readonly fanout: number,
    private readonly oids: number,
    private readonly commitData: number,
    private readonly extraEdges: { start: number; count: number } | null,
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
    // A chunk ends where the next one in the table of contents starts (the table ends with a zero id at the end).
    const edges = chunks.get(CHUNK_EXTRA_EDGES);
    const extraEdges =
      edges === undefined ? null : { start: edges, count: Math.floor((Math.min(...[...chunks.values()].filter((offset) => offset > edges), data.length) - edges) / 4) };
    const layer = new GraphLayer(data, fanout, oids, commitData, extraEdges);
    return commitData + layer.count * COMMIT_DATA_BYTES <= data.length && oids + layer.count * 20 <= data.length ? layer : null;
  }

  get count(): number {
    return this.data.readUInt32BE(this.fanout + 255 * 4);
  }

  /** Where `wanted` is in this layer's sorted ids, -1 when it is not there. */
  indexOf(wanted: Buffer): number {
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
      if (order === 0) return middle;
      if (order < 0) low = middle + 1;
      else high = middle;
    }
    return -1;
  }

  /** The topological level of `oid` (roots are 1), 0 when unknown to this layer or not computed by the writer. */
  generation(wanted: Buffer): number {
    const index = this.indexOf(wanted);
    return index < 0 ? 0 : this.data.readUInt32BE(this.commitData + index * COMMIT_DATA_BYTES + 28) >>> 2;
  }

  /** The id at sorted position `index`. */
  oidAt(index: number): string {
    return this.data.toString('hex', this.oids + index * 20, this.oids + index * 20 + 20);
  }

  /**
   * The commit at `index`: its parents as positions in the whole chain (this layer's and those below it), or null
   * when its octopus parents point outside the EDGE list (a damaged file: the commit is then read instead).
   */
  record(index: number): { parents: number[]; time: number; tree: string; generation: number } | null {
    const at = this.commitData + index * COMMIT_DATA_BYTES;
    const first = this.data.readUInt32BE(at + 20);
    const second = this.data.readUInt32BE(at + 24);
    const parents: number[] = [];
    if (first !== PARENT_NONE) parents.push(first);
    if (second & EDGE_FLAG) {
      for (let edge = second & ~EDGE_FLAG; ; edge++) {
        if (!this.extraEdges || edge >= this.extraEdges.count) return null;
        const value = this.data.readUInt32BE(this.extraEdges.start + edge * 4);
        parents.push(value & ~EDGE_FLAG);
        if (value & EDGE_FLAG) break;
      }
    } else if (second !== PARENT_NONE) {
      parents.push(second);
    }
    const levelAndHighTime = this.data.readUInt32BE(at + 28);
    const time = (levelAndHighTime & 0b11) * 2 ** 32 + this.data.readUInt32BE(at + 32);
    return { parents, time, tree: this.data.toString('hex', at, at + 20), generation: levelAndHighTime >>> 2 };
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
    const chain = readGitText(chainFile);
    const files = chain
      ? chain
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => /^[0-9a-f]{40}$/.test(line))
          .map((hash) => join(info, 'commit-graphs', `graph-${hash}.graph`))
      : [single];
    const stats = files.map((file) => fileStamp(file));
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
    const layers = await Promise.all(files.map(async (file) => GraphLayer.parse(await readGitFile(file).catch(() => Buffer.alloc(0)))));
    // A chain with a missing or unreadable layer is not trusted at all, as git does.
    this.layers = layers.every((layer) => layer !== null) ? (layers as GraphLayer[]) : [];
    this.known.clear();
  }

  /** True when generation numbers are available. */
  get available(): boolean {
    return this.layers.length > 0;
  }

  /**
   * What the graph says of `oid`, or null when it does not list it (newer than the graph, or not a commit). Parent
   * positions count through the chain from its base, as git writes them.
   */
  commit(oid: string): GraphCommit | null {
    if (this.layers.length === 0) return null;
    const wanted = Buffer.from(oid, 'hex');
    for (const layer of this.layers) {
      const index = layer.indexOf(wanted);
      if (index < 0) continue;
      const record = layer.record(index);
      if (!record) return null;
      const parents: string[] = [];
      for (const position of record.parents) {
        const parent = this.oidAtPosition(position);
        if (parent === null) return null;
        parents.push(parent);
      }
      return { parents, time: record.time, tree: record.tree, generation: record.generation };
    }
    return null;
  }

  private oidAtPosition(position: number): string | null {
    let base = 0;
    for (const layer of this.layers) {
      if (position < base + layer.count) return layer.oidAt(position - base);
      base += layer.count;
    }
    return null;
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
