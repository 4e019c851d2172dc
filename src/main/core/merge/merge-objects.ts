// Where a tree merge reads and puts objects: merged blobs and trees are kept in memory, hashed exactly as git stores
// them, so a forecast writes nothing, a simulated merge can build on an earlier one, and a real merge writes its
// objects only once it is known to be clean.

import { FleetError } from '../../../shared/errors';
import { buildTree, hashObject } from '../git/tree-format';
import type { GitRepository } from '../git/repository';
import type { TreeEntry } from '../git/types';

export interface MergeObjects {
  readTree(oid: string): Promise<TreeEntry[]>;
  readBlob(oid: string): Promise<Buffer>;
  /** Stores merged file content; returns its id. */
  putBlob(content: Buffer): Promise<string>;
  /** Stores a merged tree (entries in any order); returns its id. */
  putTree(entries: TreeEntry[]): Promise<string>;
}

/** Reads from the repository, keeps what it puts in memory: nothing is written. */
export class MemoryObjects implements MergeObjects {
  private readonly trees = new Map<string, TreeEntry[]>();
  private readonly blobs = new Map<string, Buffer>();

  constructor(
    private readonly repo: GitRepository,
    /** Objects kept elsewhere in memory that this one may read (a criss-cross merge's virtual base), never writes. */
    private readonly readsFrom?: MemoryObjects,
  ) {}

  async readTree(oid: string): Promise<TreeEntry[]> {
    return this.trees.get(oid)?.slice() ?? (this.readsFrom ? this.readsFrom.readTree(oid) : this.repo.readTree(oid));
  }

  async readBlob(oid: string): Promise<Buffer> {
    return this.blobs.get(oid) ?? (this.readsFrom ? this.readsFrom.readBlob(oid) : this.repo.readBlob(oid));
  }

  async putBlob(content: Buffer): Promise<string> {
    const oid = hashObject('blob', content);
    this.blobs.set(oid, content);
    return oid;
  }

  async putTree(entries: TreeEntry[]): Promise<string> {
    const { sorted, content } = buildTree(entries);
    const oid = hashObject('tree', content);
    this.trees.set(oid, sorted);
    return oid;
  }

  /** Writes every blob and tree put so far into the repository (after a clean merge), checking each id. */
  async writeInto(repo: GitRepository): Promise<void> {
    for (const [oid, content] of this.blobs) {
      const written = await repo.writeBlob(content);
      if (written !== oid) throw new FleetError('INTERNAL', `A merged file was stored as ${written}, expected ${oid}.`, { written, expected: oid });
    }
    // writeTree checks the stored id against the hash itself.
    await Promise.all([...this.trees.values()].map((entries) => repo.writeTree(entries)));
  }

  /** Writes the blobs and trees put so far that `root` reaches (what a commit of it needs), checking each id; the
   *  objects of intermediate trees it does not reach stay unwritten. */
  async writeReachable(repo: GitRepository, root: string): Promise<void> {
    const entries = this.trees.get(root);
    if (!entries) return; // a tree of the repository: nothing below it is only in memory
    await Promise.all(
      entries.map(async (entry) => {
        if (entry.type === 'tree') return this.writeReachable(repo, entry.oid);
        const content = entry.type === 'blob' ? this.blobs.get(entry.oid) : undefined;
        if (!content) return;
        const written = await repo.writeBlob(content);
        if (written !== entry.oid) throw new FleetError('INTERNAL', `A file was stored as ${written}, expected ${entry.oid}.`, { written, expected: entry.oid });
      }),
    );
    await repo.writeTree(entries);
  }
}
