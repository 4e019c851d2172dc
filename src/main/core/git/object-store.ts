// Every object of a repository: packs and loose objects of the objects folder and its alternates.

import { isAbsolute, join, resolve } from 'node:path';
import { FleetError } from '../../../shared/errors';
import { ByteLruCache } from './byte-lru-cache';
import { readGitText } from './git-file-read';
import { hasLooseObject, readLooseObject } from './loose-objects';
import { EMPTY_TREE_OID } from './oid';
import { PackBlockCache } from './pack-blocks';
import { PackSet } from './pack-set';
import type { GitObject } from './types';

/** Default budget for inflated objects and delta bases kept in memory. */
export const DEFAULT_OBJECT_CACHE_BYTES = 32 * 1024 * 1024;
const MAX_ALTERNATE_DEPTH = 5;

interface ObjectFolder {
  path: string;
  packs: PackSet;
}

/** Reads objects by id, from memory-cached packs first, then loose files; rescans packs when an id is missing. */
export class ObjectStore {
  private folders: Promise<ObjectFolder[]> | null = null;
  private readonly cache: ByteLruCache<GitObject>;
  private readonly blocks = new PackBlockCache();

  constructor(
    private readonly objectsDir: string,
    cacheBytes = DEFAULT_OBJECT_CACHE_BYTES,
  ) {
    this.cache = new ByteLruCache(cacheBytes);
  }

  private async loadFolders(): Promise<ObjectFolder[]> {
    const paths: string[] = [];
    const visit = async (path: string, depth: number): Promise<void> => {
      if (paths.includes(path) || depth > MAX_ALTERNATE_DEPTH) return;
      paths.push(path);
      for (const line of readGitText(join(path, 'info', 'alternates')).split('\n').map((l) => l.trim())) {
        if (line && !line.startsWith('#')) await visit(isAbsolute(line) ? line : resolve(path, line), depth + 1);
      }
    };
    await visit(this.objectsDir, 0);
    const folders = paths.map((path) => ({ path, packs: new PackSet(path, this.cache, this.blocks, (oid) => this.readOutsidePacks(oid)) }));
    await Promise.all(folders.map((folder) => folder.packs.rescan()));
    return folders;
  }

  /**
   * Starts reading the pack indexes now, so the file reads run while the caller does other work (a command opening
   * a workspace parses its manifest meanwhile); the first read then finds them loaded. A failure is the first read's.
   */
  prepare(): void {
    this.getFolders().catch(() => undefined);
  }

  private getFolders(): Promise<ObjectFolder[]> {
    this.folders ??= this.loadFolders().catch((error: unknown) => {
      this.folders = null;
      throw error;
    });
    return this.folders;
  }

  private async readOutsidePacks(oid: string): Promise<GitObject | null> {
    for (const folder of await this.getFolders()) {
      const loose = await readLooseObject(folder.path, oid);
      if (loose) return loose;
    }
    for (const folder of await this.getFolders()) {
      const packed = await folder.packs.read(oid);
      if (packed) return packed;
    }
    return null;
  }

  private async find(oid: string): Promise<GitObject | null> {
    const folders = await this.getFolders();
    for (const folder of folders) {
      const packed = await folder.packs.read(oid);
      if (packed) return packed;
    }
    for (const folder of folders) {
      const loose = await readLooseObject(folder.path, oid);
      if (loose) return loose;
    }
    return null;
  }

  /** Re-reads every pack folder (after `git gc` or a fetch wrote new packs). */
  async rescanPacks(): Promise<void> {
    for (const folder of await this.getFolders()) await folder.packs.rescan();
  }

  /** The object `oid`, or null when the repository does not have it (after one rescan of the packs). */
  async tryRead(oid: string): Promise<GitObject | null> {
    const found = (await this.find(oid)) ?? (await this.rescanPacks().then(() => this.find(oid)));
    if (found) return found;
    return oid === EMPTY_TREE_OID ? { type: 'tree', content: Buffer.alloc(0) } : null;
  }

  /** The object `oid`; GIT_CORRUPT when the repository does not have it. */
  async read(oid: string): Promise<GitObject> {
    const found = await this.tryRead(oid);
    if (found) return found;
    const unreadable = await this.unreadableIndexes();
    const note = unreadable.length ? ` It may be in a pack whose index could not be read: ${unreadable.join(' ')}` : ' Run "git fsck" to check it.';
    throw new FleetError('GIT_CORRUPT', `The object ${oid} is missing from the repository.${note}`, { oid });
  }

  /** Why each pack index that could not be read at the last scan was refused (damaged, or a format not read). */
  async unreadableIndexes(): Promise<string[]> {
    return (await this.getFolders()).flatMap((folder) => [...folder.packs.unreadableIndexes.values()]);
  }

  /** True when the object exists, packed or loose. */
  async has(oid: string): Promise<boolean> {
    const present = async () => {
      const folders = await this.getFolders();
      if (folders.some((folder) => folder.packs.has(oid))) return true;
      for (const folder of folders) if (await hasLooseObject(folder.path, oid)) return true;
      return false;
    };
    if (await present()) return true;
    await this.rescanPacks();
    return (await present()) || oid === EMPTY_TREE_OID;
  }

  /** Closes open pack files. */
  async close(): Promise<void> {
    if (!this.folders) return;
    const folders = await this.folders.catch(() => [] as ObjectFolder[]);
    await Promise.all(folders.map((folder) => folder.packs.close()));
  }
}
