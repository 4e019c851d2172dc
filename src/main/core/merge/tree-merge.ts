// The three-way merge of two trees against their merge base, as git's merge does it: a path changed on one side takes
// that side; changed on both, its content is merged line by line; folders recurse, and a subtree equal on two of the
// three sides is settled by its id without being read. Renames are followed afterwards (renames.ts).

import type { ConflictFile, ConflictKind } from '../../../shared/types-merge';
import { compareNames } from '../git/name-bytes';
import type { TreeEntry } from '../git/types';
import { looksBinary, mergeLines, type MergeLabels } from './line-merge';
import type { MergeObjects } from './merge-objects';
import { followRenames, type FileMerger } from './renames';

export interface TreeMergeResult {
  /** The merged root tree (meaningful when there are no conflicts). */
  tree: string;
  conflicts: ConflictFile[];
}

type Entry = TreeEntry | undefined;

const isTree = (entry: Entry): boolean => entry?.type === 'tree';
const sameEntry = (x: Entry, y: Entry): boolean => x?.oid === y?.oid && x?.mode === y?.mode;
const SYMLINK = '120000';
const SUBMODULE = '160000';

class TreeMerger implements FileMerger {
  readonly conflicts: ConflictFile[] = [];
  renameSourcesSeen = false;
  folderGoneSeen = false;
  readonly identicalChanges: Array<[string, string | null]> = [];

  constructor(
    private readonly objects: MergeObjects,
    private readonly labels: MergeLabels,
    /** 0 for the merge itself; 1 and more while merging several merge bases into one, where conflicts are settled as git does. */
    readonly depth: number,
  ) {}

  private get inner(): boolean {
    return this.depth > 0;
  }

  /** Merges text lines; conflicts come out between markers, two characters longer per level of inner merge (as git's). */
  private lines(base: Buffer, ours: Buffer, theirs: Buffer) {
    // latin1 maps bytes to characters one to one: lines compare byte for byte and any encoding survives.
    return mergeLines(base.toString('latin1'), ours.toString('latin1'), theirs.toString('latin1'), this.labels, 7 + 2 * this.depth);
  }

  private conflict(path: string, kind: ConflictKind): null {
    this.conflicts.push({ path, kind });
    return null;
  }

  /** Merges one folder; returns the merged tree's id, or null when the folder ends up empty. */
  async mergeFolder(base: string | null, ours: string | null, theirs: string | null, prefix: string): Promise<string | null> {
    if (ours === theirs && base !== null && base !== ours) this.identicalChanges.push([base, ours]);
    if (ours === theirs || base === theirs) return ours;
    if (base === ours) return theirs;
    const [b, o, t] = await Promise.all([base, ours, theirs].map((oid) => (oid ? this.objects.readTree(oid) : Promise.resolve([]))));
    const byName = (entries: TreeEntry[]) => new Map(entries.map((entry) => [entry.path, entry]));
    const [bm, om, tm] = [byName(b!), byName(o!), byName(t!)];
    const merged: TreeEntry[] = [];
    let changed = false;
    const names = [...new Set([...om.keys(), ...tm.keys(), ...bm.keys()])].sort();
    await Promise.all(
      names.map(async (name) => {
        const result = await this.mergeName(name, bm.get(name), om.get(name), tm.get(name), prefix);
        if (!sameEntry(result, om.get(name))) changed = true;
        if (result) merged.push(result);
      }),
    );
    if (!changed) return ours;
    return merged.length ? this.objects.putTree(merged) : null;
  }

  /** One name of a folder: its file part and its folder part are merged apart, and may not both survive. */
  private async mergeName(name: string, b: Entry, o: Entry, t: Entry, prefix: string): Promise<Entry> {
    const fileOf = (e: Entry) => (e && !isTree(e) ? e : undefined);
    const folderOf = (e: Entry) => (isTree(e) ? e!.oid : null);
    const [fb, fo, ft] = [fileOf(b), fileOf(o), fileOf(t)];
    // A file one side deleted and the other changed or deleted: a rename source the rename pass must look for.
    if (fb && ((!fo && !sameEntry(fb, ft)) || (!ft && !sameEntry(fb, fo)))) this.renameSourcesSeen = true;
    // A folder one side removed and the other changed: the other side may have added a file where git sees a renamed folder.
    const [db, dox, dt] = [folderOf(b), folderOf(o), folderOf(t)];
    if (db && ((!dox && dt && dt !== db) || (!dt && dox && dox !== db))) this.folderGoneSeen = true;
    if (sameEntry(o, t)) {
      // Both sides changed this folder the same way: files deleted in it are rename sources too.
      const baseFolder = folderOf(b);
      if (baseFolder && baseFolder !== folderOf(o)) this.identicalChanges.push([baseFolder, folderOf(o)]);
      return o;
    }
    if (sameEntry(b, t)) return o;
    if (sameEntry(b, o)) return t;
    const path = prefix + name;
    const file = await this.mergeFile(path, fileOf(b), fileOf(o), fileOf(t));
    const folders = [folderOf(b), folderOf(o), folderOf(t)] as const;
    const folder = folders.some((f) => f !== null) ? await this.mergeFolder(folders[0], folders[1], folders[2], `${path}/`) : null;
    if (file && folder) return this.inner ? { mode: '040000', path: name, oid: folder, type: 'tree' } : (this.conflict(path, 'file-directory') ?? undefined);
    if (folder) return { mode: '040000', path: name, oid: folder, type: 'tree' };
    return file ?? undefined;
  }

  /** A file changed on both sides (or on one, when the other side holds a folder there). */
  async mergeFile(path: string, b: Entry, o: Entry, t: Entry): Promise<Entry> {
    if (sameEntry(o, t) || sameEntry(b, t)) return o;
    if (sameEntry(b, o)) return t;
    if (!b) return this.addAdd(path, o!, t!);
    // An inner merge keeps the base's version of a file one side deleted, as git does.
    if (!o || !t) return this.inner ? b : (this.conflict(path, 'modify-delete') ?? undefined);
    const mode = o.mode === t.mode ? o.mode : b.mode === o.mode ? t.mode : b.mode === t.mode ? o.mode : this.inner ? b.mode : null;
    const oid = o.oid === t.oid ? o.oid : b.oid === o.oid ? t.oid : b.oid === t.oid ? o.oid : await this.mergeContent(path, b, o, t);
    if (oid === null) return undefined;
    if (mode === null) return this.conflict(path, 'mode') ?? undefined;
    return { mode, path: o.path, oid, type: o.type };
  }

  /** Both sides changed the file's content: a line merge for text, a conflict for binary files, links and submodules. */
  private async mergeContent(path: string, b: TreeEntry, o: TreeEntry, t: TreeEntry): Promise<string | null> {
    // Where git cannot merge lines (links, submodules, binary files), an inner merge takes the base's version.
    if ([b, o, t].some((e) => e.mode === SYMLINK || e.mode === SUBMODULE)) return this.inner ? b.oid : this.conflict(path, 'content');
    const [base, ours, theirs] = await Promise.all([b, o, t].map((e) => this.objects.readBlob(e.oid)));
    if ([base, ours, theirs].some((content) => looksBinary(content!))) return this.inner ? b.oid : this.conflict(path, 'binary');
    const merged = this.lines(base!, ours!, theirs!);
    // An inner merge keeps the conflict markers in the file: the outer merge then sees both versions.
    if (merged.conflict && !this.inner) return this.conflict(path, 'content');
    return this.objects.putBlob(Buffer.from(merged.text, 'latin1'));
  }

  /**
   * Both sides added the file: their lines merged against an empty base, as git does, so one side adding an empty file
   * is no conflict; an inner merge keeps the markers (and the first side's version of a binary file or link).
   */
  private async addAdd(path: string, o: TreeEntry, t: TreeEntry): Promise<Entry> {
    const refuse = () => (this.inner ? o : (this.conflict(path, 'add-add') ?? undefined));
    if ([o, t].some((e) => e.mode === SYMLINK || e.mode === SUBMODULE)) return refuse();
    const [ours, theirs] = await Promise.all([this.objects.readBlob(o.oid), this.objects.readBlob(t.oid)]);
    if (looksBinary(ours) || looksBinary(theirs)) return refuse();
    const merged = this.lines(Buffer.alloc(0), ours, theirs);
    if (!this.inner && (merged.conflict || o.mode !== t.mode)) return refuse();
    return { ...o, oid: await this.objects.putBlob(Buffer.from(merged.text, 'latin1')) };
  }
}

/** Merges `theirs` into `ours` against `base` (null: no common history); conflicts sorted by path. `depth` > 0 is an
 *  inner merge of merge bases: conflicts are settled in the tree (markers, base versions) instead of reported. */
export async function mergeTrees(objects: MergeObjects, base: string | null, ours: string, theirs: string, labels: MergeLabels, depth = 0): Promise<TreeMergeResult> {
  const merger = new TreeMerger(objects, labels, depth);
  let tree = (await merger.mergeFolder(base, ours, theirs, '')) ?? (await objects.putTree([]));
  if (base) tree = await followRenames(merger, objects, base, ours, theirs, tree);
  const conflicts = merger.conflicts.sort((x, y) => compareNames(x.path, y.path));
  return { tree, conflicts };
}
