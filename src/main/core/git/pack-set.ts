// The packs of one objects folder: finds an id in their indexes and rebuilds objects through delta chains.

import { statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FleetError } from '../../../shared/errors';
import type { ByteLruCache } from './byte-lru-cache';
import { applyDelta } from './delta';
import type { PackBlockCache } from './pack-blocks';
import { PackFile, PackReplacedError } from './pack-file';
import { PackIndex } from './pack-index';
import type { GitObject } from './types';

interface Pack {
  id: number;
  name: string;
  index: PackIndex;
  file: PackFile;
}

interface ChainLink {
  pack: Pack;
  offset: number;
  delta: Buffer;
}

/** Longer chains than this mean a cycle in a damaged pack (git's own limit is far lower). */
const MAX_CHAIN = 10_000;
let nextPackId = 1;

/** Reads objects from the `.pack`/`.idx` pairs in `<objects>/pack`, picking up packs added later by rescan(). */
export class PackSet {
  private packs: Pack[] = [];
  /** The pack that held the last object found (asked first); always one of `packs` or null. */
  private lastFound: Pack | null = null;
  private scanning: Promise<boolean> = Promise.resolve(false);
  private readonly inFlight = new Map<string, Promise<GitObject>>();

  constructor(
    private readonly objectsDir: string,
    private readonly cache: ByteLruCache<GitObject>,
    private readonly blocks: PackBlockCache,
    /** Reads a REF_DELTA base that is not in any pack of this set (a loose object or another object folder). */
    private readonly readOutside: (oid: string) => Promise<GitObject | null>,
  ) {}

  /** Re-reads the pack folder: opens new packs, forgets removed ones. True when a new pack appeared. */
  rescan(): Promise<boolean> {
    // One scan at a time, so two lookups that miss together do not load the same pack twice.
    const next = this.scanning.then(() => this.scanFolder());
    this.scanning = next.catch(() => false);
    return next;
  }

  /** Pack indexes that could not be read at the last scan (damaged, or a format we do not read): name -> why. */
  readonly unreadableIndexes = new Map<string, string>();

  private async scanFolder(): Promise<boolean> {
    const names = new Set(await readdir(join(this.objectsDir, 'pack')).catch(() => [] as string[]));
    const present = new Set([...names].filter((n) => n.endsWith('.idx') && names.has(`${n.slice(0, -4)}.pack`)).map((n) => n.slice(0, -4)));
    const kept = this.packs.filter((pack) => present.has(pack.name));
    for (const gone of this.packs.filter((pack) => !present.has(pack.name))) await gone.file.close();
    const known = new Set(kept.map((pack) => pack.name));
    // Small indexes are read there and then (PackIndex.load), large ones together in the background.
    const opened = await Promise.all([...present].filter((name) => !known.has(name)).map((name) => this.openPack(name)));
    const added = opened.filter((pack): pack is Pack => pack !== null);
    this.packs = [...added, ...kept];
    if (this.lastFound && !kept.includes(this.lastFound)) this.lastFound = null;
    return added.length > 0;
  }

  /** One pack, or null when it cannot be opened now (being written or removed by git) or its index is damaged. */
  private async openPack(name: string): Promise<Pack | null> {
    const base = join(this.objectsDir, 'pack', name);
    try {
      const { ino, size } = statSync(`${base}.pack`);
      const index = await PackIndex.load(`${base}.idx`);
      this.unreadableIndexes.delete(name);
      const id = nextPackId++;
      return { id, name, index, file: new PackFile(`${base}.pack`, { ino, size }, String(id), this.blocks) };
    } catch (error) {
      // A pack being written or removed by git right now is picked up (or dropped) on a later rescan; a damaged
      // index is remembered, so a missing object can say where it probably is.
      if (!(error instanceof FleetError) && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      if (error instanceof FleetError) this.unreadableIndexes.set(name, error.message);
      return null;
    }
  }

  /**
   * The pack and offset holding `oid`, if any pack does. The pack that answered last is asked first, as git asks its
   * last-found pack: objects asked for one after another mostly live in one pack (a fetch's new commits, the big
   * pack's old trees), and a repository with many packs otherwise pays a miss in each pack listed before it.
   */
  private locate(oid: string): { pack: Pack; offset: number } | null {
    const raw = Buffer.from(oid, 'hex');
    if (raw.length !== 20) return null;
    const last = this.lastFound;
    if (last) {
      const offset = last.index.findOffset(raw);
      if (offset !== null) return { pack: last, offset };
    }
    for (const pack of this.packs) {
      if (pack === last) continue;
      const offset = pack.index.findOffset(raw);
      if (offset === null) continue;
      this.lastFound = pack;
      return { pack, offset };
    }
    return null;
  }

  /** True when some pack's index lists `oid`. */
  has(oid: string): boolean {
    return this.locate(oid) !== null;
  }

  /** The object `oid` from the packs, or null when no pack holds it (or its pack was deleted: rescan then). */
  async read(oid: string): Promise<GitObject | null> {
    const found = this.locate(oid);
    if (!found) return null;
    try {
      return await this.readAt(found.pack, found.offset);
    } catch (error) {
      // `git gc` removed or rewrote the pack after its handle was closed; the objects are in a newer pack.
      if (!(error instanceof PackReplacedError) && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.packs = this.packs.filter((pack) => pack !== found.pack);
      if (this.lastFound === found.pack) this.lastFound = null;
      return null;
    }
  }

  private readAt(pack: Pack, offset: number): Promise<GitObject> {
    const key = `${pack.id}@${offset}`;
    const cached = this.cache.get(key);
    if (cached) return Promise.resolve(cached);
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.resolveChain(pack, offset).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  /** Follows deltas down to a whole object (or a cached one), then applies them back up, caching each step. */
  private async resolveChain(pack: Pack, offset: number): Promise<GitObject> {
    const chain: ChainLink[] = [];
    let base: GitObject | null = null;
    let current = { pack, offset };
    while (base === null) {
      const cached = this.cache.get(`${current.pack.id}@${current.offset}`);
      if (cached) {
        base = cached;
        break;
      }
      const entry = await current.pack.file.readEntry(current.offset);
      if (entry.kind === 'object') {
        base = { type: entry.type, content: entry.data };
        this.cache.set(`${current.pack.id}@${current.offset}`, base, entry.data.length);
        break;
      }
      chain.push({ pack: current.pack, offset: current.offset, delta: entry.data });
      if (chain.length > MAX_CHAIN) throw new FleetError('GIT_CORRUPT', `The pack ${current.pack.file.path} has a delta chain that loops.`);
      if (entry.kind === 'ofs-delta') {
        current = { pack: current.pack, offset: entry.baseOffset };
        continue;
      }
      const located = this.locate(entry.baseOid);
      if (located) {
        current = located;
        continue;
      }
      base = await this.readOutside(entry.baseOid);
      if (!base) {
        throw new FleetError('GIT_CORRUPT', `The delta base ${entry.baseOid} needed by ${current.pack.file.path} is missing. Run "git fsck".`, {
          oid: entry.baseOid,
        });
      }
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const link = chain[i]!;
      const content = applyDelta(base.content, link.delta);
      base = { type: base.type, content };
      this.cache.set(`${link.pack.id}@${link.offset}`, base, content.length);
    }
    return base;
  }

  /** Closes every pack's file handle. */
  async close(): Promise<void> {
    await Promise.all(this.packs.map((pack) => pack.file.close()));
  }
}
