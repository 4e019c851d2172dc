// What a run changed: the working copy against the tree it was written from, as git would report it with exact
// renames only (`git diff --find-renames=100%`): added, modified, deleted, renamed, mode-changed, with line counts.

import { basename } from 'node:path';
import type { ChangedFile } from '../../../../shared/types-implement';
import type { GitRepository } from '../../git/repository';
import { compareNames } from '../../git/name-bytes';
import { forEachPaced } from '../../pacer';
import { contentOf, currentEntries, startEntries, type SideEntry } from './copy-state';
import { countLineChanges, isBinary } from './line-counts';
import type { CopyFile } from './copy-walk';

/** A change before its line counts: the entries on both sides. */
export interface RawChange {
  path: string;
  oldPath?: string;
  status: ChangedFile['status'];
  before: SideEntry | null;
  after: (SideEntry & { full: Buffer }) | null;
}

const kindOf = (mode: string) => (mode === '120000' ? 'link' : mode === '160000' ? 'gitlink' : 'file');

/** The changed paths with both sides, sorted by path bytes (no file contents read beyond hashing changed stats). */
export async function listRawChanges(repo: GitRepository, startTip: string, dir: string, walked?: Map<string, CopyFile>): Promise<RawChange[]> {
  const start = await startEntries(repo, startTip, dir);
  const now = await currentEntries(dir, start, walked);
  const changes: RawChange[] = [];
  const added: RawChange[] = [];
  const deleted: RawChange[] = [];
  // Thousands of entries on each side: compared paced, so a status pass never holds the loop for long.
  await forEachPaced(now, ([path, after]) => {
    const before = start.get(path);
    if (before && before.oid === after.oid && before.mode === after.mode) return;
    const side = { mode: after.mode, oid: after.oid, full: after.file.full };
    if (!before) added.push({ path, status: 'added', before: null, after: side });
    else if (before.oid !== after.oid) changes.push({ path, status: 'modified', before, after: side });
    else changes.push({ path, status: kindOf(before.mode) === kindOf(after.mode) ? 'mode-changed' : 'modified', before, after: side });
  });
  await forEachPaced(start, ([path, before]) => void (now.has(path) || deleted.push({ path, status: 'deleted', before, after: null })));
  changes.push(...pairRenames(added, deleted));
  return changes.sort((x, y) => compareNames(x.path, y.path));
}

/** Pairs an added and a deleted file of the same content and kind as one rename (same file name first, then path order). */
function pairRenames(added: RawChange[], deleted: RawChange[]): RawChange[] {
  const gone = new Map<string, RawChange[]>();
  for (const change of deleted.sort((x, y) => compareNames(x.path, y.path))) {
    const key = `${change.before!.oid}:${kindOf(change.before!.mode)}`;
    gone.set(key, [...(gone.get(key) ?? []), change]);
  }
  const result: RawChange[] = [];
  for (const change of added.sort((x, y) => compareNames(x.path, y.path))) {
    const candidates = change.after!.mode === '160000' ? undefined : gone.get(`${change.after!.oid}:${kindOf(change.after!.mode)}`);
    if (!candidates?.length) {
      result.push(change);
      continue;
    }
    const sameName = candidates.findIndex((c) => basename(c.path) === basename(change.path));
    const [source] = candidates.splice(sameName >= 0 ? sameName : 0, 1);
    result.push({ path: change.path, oldPath: source!.path, status: 'renamed', before: source!.before, after: change.after });
  }
  for (const rest of gone.values()) result.push(...rest);
  return result;
}

const countCache = new Map<string, { binary: boolean; additions: number; deletions: number }>();

/** Binary flag and line counts of one change (symlinks compare their targets as text, submodules count nothing). */
async function countsOf(repo: GitRepository, change: RawChange): Promise<{ binary: boolean; additions: number; deletions: number }> {
  const key = `${change.before?.mode}:${change.before?.oid}:${change.after?.mode}:${change.after?.oid}`;
  const cached = countCache.get(key);
  if (cached) return cached;
  const read = async (side: 'before' | 'after'): Promise<Buffer> => {
    const entry = change[side];
    if (!entry || entry.mode === '160000') return Buffer.alloc(0);
    return side === 'before' ? repo.readBlob(entry.oid) : contentOf({ full: change.after!.full, mode: entry.mode });
  };
  const [before, after] = await Promise.all([read('before'), read('after')]);
  const binary = (change.before?.mode !== '120000' && isBinary(before)) || (change.after?.mode !== '120000' && isBinary(after));
  const counts = binary || change.before?.oid === change.after?.oid ? { binary, additions: 0, deletions: 0 } : { binary, ...countLineChanges(before, after) };
  if (countCache.size > 4096) countCache.clear();
  countCache.set(key, counts);
  return counts;
}

/** Every file the copy in `dir` changed against commit `startTip`, sorted by path bytes, with binary flags and line counts. */
export async function computeChanges(repo: GitRepository, startTip: string, dir: string): Promise<ChangedFile[]> {
  const raw = await listRawChanges(repo, startTip, dir);
  return Promise.all(
    raw.map(async (change) => ({
      path: change.path,
      status: change.status,
      ...(change.oldPath !== undefined ? { oldPath: change.oldPath } : {}),
      ...(await countsOf(repo, change)),
      oldMode: change.before?.mode ?? null,
      newMode: change.after?.mode ?? null,
    })),
  );
}

/** How many paths the copy changed (a rename counts once); reads no file whose stat is unchanged. */
export async function countChanges(repo: GitRepository, startTip: string, dir: string, walked?: Map<string, CopyFile>): Promise<number> {
  return (await listRawChanges(repo, startTip, dir, walked)).length;
}
