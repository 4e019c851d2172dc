// Reads a whole tree and judges every entry before anything is written: names git or a file system would
// misread, duplicates and names that collide under case folding or Unicode normalization, unknown modes, and
// trees nested or sized beyond reason. The result lists what to create, folders by depth, parents first.

import { FleetError } from '../../../shared/errors';
import type { GitRepository } from '../git/repository';
import { createPacer } from '../pacer';
import { mapLimit } from '../remotes/map-limit';
import { childPath } from './fs-name';
import { collisionKey, unsafeNameReason, type EntryKind } from './name-rules';
import { showPath } from './safe-path';

/** git's own limit on tree depth (core.maxTreeDepth). */
const MAX_DEPTH = 2048;
/** Entries a checkout accepts; a tree reusing one subtree at every level would otherwise fill memory and disk. */
const MAX_ENTRIES = 2_000_000;
/** Trees read at once. */
const READ_CONCURRENCY = 16;

/** One entry to create: its path relative to the folder ('/'-separated) and on disk. */
export interface PlannedEntry {
  rel: string;
  path: Buffer;
  /** The mode as git checks it out: 100644, 100755, 120000, 160000 or 040000. */
  mode: string;
  oid: string;
  kind: EntryKind;
}

export interface TreePlan {
  /** Folders (submodules' included) by depth: every parent is in an earlier list. */
  folders: PlannedEntry[][];
  files: PlannedEntry[];
  symlinks: PlannedEntry[];
  submodules: PlannedEntry[];
}

/** The refusal of a tree: UNSAFE_TREE naming the entry's full path and the reason. */
export function unsafeTree(rel: string, reason: string): FleetError {
  return new FleetError('UNSAFE_TREE', `The tree cannot be checked out safely: ${showPath(rel)} ${reason}.`, { path: rel, reason });
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FleetError('CANCELLED', 'Writing the checkout was cancelled.');
}

/** What a mode becomes on disk, read from its type bits as git does (100664 is a plain file); null if none. */
function classify(mode: string): { kind: EntryKind; mode: string } | null {
  if (!/^[0-7]{1,7}$/u.test(mode)) return null;
  const bits = parseInt(mode, 8);
  switch (bits & 0o170000) {
    case 0o040000: return { kind: 'folder', mode: '040000' };
    case 0o100000: return { kind: 'file', mode: bits & 0o100 ? '100755' : '100644' };
    case 0o120000: return { kind: 'symlink', mode: '120000' };
    case 0o160000: return { kind: 'submodule', mode: '160000' };
    default: return null;
  }
}

/** The entry's path on disk; a name no bytes spell (never one a tree gave us) is refused by its path. */
function entryPath(parent: Buffer, name: string, rel: string): Buffer {
  try {
    return childPath(parent, name);
  } catch {
    throw unsafeTree(rel, 'is not a name any bytes spell');
  }
}

interface Folder {
  rel: string;
  path: Buffer;
  oid: string;
}

/** Reads and judges every entry of `treeOid`, to be written below `root`; UNSAFE_TREE on the first bad entry. */
export async function planTree(repo: GitRepository, treeOid: string, root: Buffer, options: { signal?: AbortSignal; platform?: NodeJS.Platform } = {}): Promise<TreePlan> {
  const plan: TreePlan = { folders: [], files: [], symlinks: [], submodules: [] };
  let count = 0;
  const pace = createPacer();
  let level: Folder[] = [{ rel: '', path: root, oid: treeOid }];
  for (let depth = 1; level.length > 0; depth++) {
    throwIfCancelled(options.signal);
    const trees = await mapLimit(level, READ_CONCURRENCY, (folder) => repo.readTree(folder.oid));
    const next: Folder[] = [];
    const created: PlannedEntry[] = [];
    for (const [index, folder] of level.entries()) {
      const seen = new Map<string, string>();
      for (const entry of trees[index]!) {
        // Judged paced: thousands of entries a level would otherwise hold the event loop for tens of milliseconds.
        const wait = pace();
        if (wait) await wait;
        const rel = folder.rel ? `${folder.rel}/${entry.path}` : entry.path;
        const type = classify(entry.mode);
        if (!type) throw unsafeTree(rel, `has the mode ${entry.mode}, which git does not check out`);
        const reason = unsafeNameReason(entry.path, type.kind, options.platform);
        if (reason) throw unsafeTree(rel, reason);
        const key = collisionKey(entry.path);
        const other = seen.get(key);
        if (other === entry.path) throw unsafeTree(rel, 'is listed twice in its folder');
        if (other !== undefined) throw unsafeTree(rel, `is the same name as ${showPath(other)} where names ignore case or Unicode normalization (macOS, Windows)`);
        seen.set(key, entry.path);
        if (++count > MAX_ENTRIES) throw unsafeTree(rel, `is one entry more than the ${MAX_ENTRIES.toLocaleString('en')} a checkout accepts`);
        if (type.kind === 'folder' && depth >= MAX_DEPTH) throw unsafeTree(rel, `nests deeper than ${MAX_DEPTH} folders, git's own limit`);
        const planned: PlannedEntry = { rel, path: entryPath(folder.path, entry.path, rel), mode: type.mode, oid: entry.oid, kind: type.kind };
        if (type.kind === 'folder') {
          created.push(planned);
          next.push({ rel, path: planned.path, oid: entry.oid });
        } else if (type.kind === 'submodule') {
          created.push(planned); // a submodule's place, left empty as git leaves it
          plan.submodules.push(planned);
        } else {
          (type.kind === 'symlink' ? plan.symlinks : plan.files).push(planned);
        }
      }
    }
    if (created.length > 0) plan.folders.push(created);
    level = next;
  }
  return plan;
}
