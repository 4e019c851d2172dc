// Reads trees with caches per tree id: entries, the entry at a path, and the recursive file list.

import { FleetError } from '../../../shared/errors';
import { LoadingCache } from './byte-lru-cache';
import { parseTree } from './object-parse';
import type { GitObject, TreeEntry } from './types';

interface ParsedTree {
  entries: TreeEntry[];
  byName: Map<string, TreeEntry>;
}

const TREE_CACHE_BYTES = 32 * 1024 * 1024;
const FILE_LIST_CACHE_BYTES = 64 * 1024 * 1024;

/** Rough memory of a parsed tree: entry objects, their strings and the name index. */
function treeWeight(tree: ParsedTree): number {
  let bytes = 64;
  for (const entry of tree.entries) bytes += 200 + 2 * (entry.path.length + entry.oid.length);
  return bytes;
}

/** Rough memory of a file list: the strings and the array slots. */
function fileListWeight(files: string[]): number {
  let bytes = 64;
  for (const file of files) bytes += 40 + 2 * file.length;
  return bytes;
}

function indexed(entries: TreeEntry[]): ParsedTree {
  return { entries, byName: new Map(entries.map((entry) => [entry.path, entry])) };
}

/** Splits a repository path ("a/b/c.md") into its parts; null when it is empty. */
export function splitPath(path: string): string[] | null {
  const parts = path.split('/').filter((part) => part !== '');
  return parts.length ? parts : null;
}

/** Parsed trees by id, shared by every branch that contains them. */
export class TreeStore {
  private readonly trees = new LoadingCache<ParsedTree>(TREE_CACHE_BYTES, treeWeight);
  private readonly fileLists = new LoadingCache<string[]>(FILE_LIST_CACHE_BYTES, fileListWeight);

  constructor(private readonly readObject: (oid: string) => Promise<GitObject>) {}

  private parsed(oid: string): Promise<ParsedTree> {
    return this.trees.get(oid, async () => {
      const object = await this.readObject(oid);
      if (object.type !== 'tree') throw new FleetError('INVALID_INPUT', `${oid} is a ${object.type}, not a tree.`, { oid });
      return indexed(parseTree(oid, object.content));
    });
  }

  /** Records a tree this process just wrote, so reading it back costs nothing. */
  remember(oid: string, entries: TreeEntry[]): void {
    if (!this.trees.has(oid)) this.trees.set(oid, indexed(entries));
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
    return this.fileLists.get(oid, () => this.buildFileList(oid));
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
