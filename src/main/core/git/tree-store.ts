// Reads trees with caches per tree id: entries, the entry at a path, and the recursive file list.

import { FleetError } from '../../../shared/errors';
import { BoundedMap } from './byte-lru-cache';
import { parseTree } from './object-parse';
import type { GitObject, TreeEntry } from './types';

interface ParsedTree {
  entries: TreeEntry[];
  byName: Map<string, TreeEntry>;
}

const MAX_CACHED_TREES = 100_000;
const MAX_CACHED_FILE_LISTS = 20_000;

/** Splits a repository path ("a/b/c.md") into its parts; null when it is empty. */
export function splitPath(path: string): string[] | null {
  const parts = path.split('/').filter((part) => part !== '');
  return parts.length ? parts : null;
}

/** Parsed trees by id, shared by every branch that contains them. */
export class TreeStore {
  private readonly trees = new BoundedMap<string, Promise<ParsedTree>>(MAX_CACHED_TREES);
  private readonly fileLists = new BoundedMap<string, Promise<string[]>>(MAX_CACHED_FILE_LISTS);

  constructor(private readonly readObject: (oid: string) => Promise<GitObject>) {}

  private parsed(oid: string): Promise<ParsedTree> {
    let tree = this.trees.get(oid);
    if (!tree) {
      tree = this.readObject(oid).then((object) => {
        if (object.type !== 'tree') throw new FleetError('INVALID_INPUT', `${oid} is a ${object.type}, not a tree.`, { oid });
        const entries = parseTree(oid, object.content);
        return { entries, byName: new Map(entries.map((entry) => [entry.path, entry])) };
      });
      this.trees.set(oid, tree);
      tree.catch(() => this.trees.delete(oid));
    }
    return tree;
  }

  /** Records a tree this process just wrote, so reading it back costs nothing. */
  remember(oid: string, entries: TreeEntry[]): void {
    if (!this.trees.has(oid)) this.trees.set(oid, Promise.resolve({ entries, byName: new Map(entries.map((entry) => [entry.path, entry])) }));
  }

  /** The entries of tree `oid`, in stored order. */
  async readTree(oid: string): Promise<TreeEntry[]> {
    return (await this.parsed(oid)).entries.slice();
  }

  /** The entry at `path` below tree `treeOid` ('a/b/c.md'), or null when nothing is there. */
  async entryAtPath(treeOid: string, path: string): Promise<TreeEntry | null> {
    const parts = splitPath(path);
    if (!parts) return null;
    let tree = await this.parsed(treeOid);
    for (let i = 0; i < parts.length; i++) {
      const entry = tree.byName.get(parts[i]!);
      if (!entry) return null;
      if (i === parts.length - 1) return entry;
      if (entry.type !== 'tree') return null;
      tree = await this.parsed(entry.oid);
    }
    return null;
  }

  /** Every non-tree path below `treeOid`, recursively and in git's order (like `git ls-tree -r --name-only`). */
  async listFiles(treeOid: string): Promise<string[]> {
    return (await this.cachedFileList(treeOid)).slice();
  }

  private cachedFileList(oid: string): Promise<string[]> {
    let list = this.fileLists.get(oid);
    if (!list) {
      list = this.buildFileList(oid);
      this.fileLists.set(oid, list);
      list.catch(() => this.fileLists.delete(oid));
    }
    return list;
  }

  private async buildFileList(oid: string): Promise<string[]> {
    const { entries } = await this.parsed(oid);
    const nested = await Promise.all(entries.map((entry) => (entry.type === 'tree' ? this.cachedFileList(entry.oid) : null)));
    const files: string[] = [];
    entries.forEach((entry, i) => {
      const below = nested[i];
      if (!below) files.push(entry.path);
      else for (const file of below) files.push(`${entry.path}/${file}`);
    });
    return files;
  }
}
