// The whole module branch against the base branch, for the Changes view and the board's honest state: every file
// changed since the fork, the commits with their trailers, whether any code changed; and one file's two sides.
// Answers are cached per repository by (module tip, base tip), so a board reload after a document commit elsewhere
// recomputes nothing.

import { FleetError } from '../../../../shared/errors';
import type { BranchChanges, FileSides } from '../../../../shared/types-implement';
import { BoundedMap } from '../../git/byte-lru-cache';
import type { GitRepository } from '../../git/repository';
import type { Workspace } from '../../workspace/workspace';
import { branchCommits } from './branch-commits';
import { codeDiffers } from './code-changed';
import { forkPoint, type ForkPoint } from './fork-point';

const MAX_CACHED = 2_000;

interface BranchCaches {
  epoch: number;
  forks: BoundedMap<string, Promise<ForkPoint>>;
  changes: BoundedMap<string, Promise<Omit<BranchChanges, 'moduleId'>>>;
  code: BoundedMap<string, Promise<boolean>>;
}

const caches = new WeakMap<GitRepository, BranchCaches>();

function cachesOf(repo: GitRepository): BranchCaches {
  let found = caches.get(repo);
  // Replace refs change what history means: start again, as the merge caches do.
  if (!found || found.epoch !== repo.historyEpoch) {
    found = { epoch: repo.historyEpoch, forks: new BoundedMap(MAX_CACHED), changes: new BoundedMap(MAX_CACHED), code: new BoundedMap(MAX_CACHED) };
    caches.set(repo, found);
  }
  return found;
}

/** Caches a promise, dropping it again when it fails (a later call tries afresh). */
function cached<T>(map: BoundedMap<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  const hit = map.get(key);
  if (hit) return hit;
  const made = make();
  map.set(key, made);
  made.catch(() => map.delete(key));
  return made;
}

interface ModuleBranch {
  moduleId: string;
  branch: string;
  tip: string;
  baseTip: string;
  docsFolder: string;
  moduleFolder: string;
}

async function moduleBranch(workspace: Workspace, moduleId: string, tip?: string): Promise<ModuleBranch> {
  await workspace.refreshManifest();
  const { manifest, repo } = workspace;
  if (!manifest.modules.some((m) => m.id === moduleId)) throw new FleetError('MODULE_NOT_FOUND', `There is no module "${moduleId}" in this workspace.`, { moduleId });
  const branch = `${manifest.branchPrefix}${moduleId}`;
  const current = tip ?? (await repo.resolveRef(`refs/heads/${branch}`));
  if (!current) throw new FleetError('MODULE_BRANCH_MISSING', `The branch ${branch} does not exist.`, { moduleId, branch });
  const baseTip = await repo.resolveRef(`refs/heads/${manifest.baseBranch}`);
  if (!baseTip) throw new FleetError('BASE_BRANCH_MISSING', `The base branch "${manifest.baseBranch}" does not exist.`, { baseBranch: manifest.baseBranch });
  return { moduleId, branch, tip: current, baseTip, docsFolder: manifest.docsFolder, moduleFolder: `${manifest.docsFolder}/${moduleId}` };
}

const keyOf = (b: ModuleBranch) => `${b.tip} ${b.baseTip} ${b.moduleFolder}`;

function forkOf(repo: GitRepository, b: ModuleBranch): Promise<ForkPoint> {
  return cached(cachesOf(repo).forks, keyOf(b), () => forkPoint(repo, b.tip, b.baseTip, b.moduleFolder));
}

const treeOf = async (repo: GitRepository, commit: string | null) => (commit ? (await repo.readCommit(commit)).tree : null);

/** The module branch against the base: files changed since the fork (code or docs), its commits, whether code changed. */
export async function getBranchChanges(workspace: Workspace, moduleId: string): Promise<BranchChanges> {
  return { moduleId, ...(await changesOf(workspace.repo, await moduleBranch(workspace, moduleId))) };
}

function changesOf(repo: GitRepository, b: ModuleBranch): Promise<Omit<BranchChanges, 'moduleId'>> {
  return cached(cachesOf(repo).changes, keyOf(b), async () => {
    // The file list (renames, line counts, the line merger's binary test) is imported here, not with this module: the
    // board imports this module for codeChangedAt, and `fleet-control status` never lists a branch's files.
    const [{ fork, mergedIntoBase }, { branchFiles }] = await Promise.all([forkOf(repo, b), import('./branch-files')]);
    const [files, commits] = await Promise.all([
      branchFiles(repo, await treeOf(repo, fork), (await repo.readCommit(b.tip)).tree, b.docsFolder),
      // Merged into the base, its own commits are the ones since the fork (the base has them all).
      branchCommits(repo, b.tip, mergedIntoBase || !fork ? (fork ?? b.baseTip) : b.baseTip, b.docsFolder),
    ]);
    return { tip: b.tip, mergeBase: fork, files, commits, codeChanged: files.some((f) => f.kind === 'code') };
  });
}

/** Whether the module branch changes code since its fork (see getBranchChanges); null when it has no branch. */
export async function codeChanged(workspace: Workspace, moduleId: string): Promise<boolean | null> {
  let b: ModuleBranch;
  try {
    b = await moduleBranch(workspace, moduleId);
  } catch (error) {
    if (error instanceof FleetError && error.code === 'MODULE_BRANCH_MISSING') return null;
    throw error;
  }
  return codeChangedAt(workspace.repo, b.tip, b.baseTip, b.docsFolder, moduleId);
}

/** codeChanged for known tips (the board reads every tip at once); cached by (tip, base tip). */
export function codeChangedAt(repo: GitRepository, tip: string, baseTip: string, docsFolder: string, moduleId: string): Promise<boolean> {
  const b = { moduleId, branch: '', tip, baseTip, docsFolder, moduleFolder: `${docsFolder}/${moduleId}` };
  return cached(cachesOf(repo).code, keyOf(b), async () => {
    const { fork } = await forkOf(repo, b);
    return codeDiffers(repo, await treeOf(repo, fork), (await repo.readCommit(tip)).tree, docsFolder);
  });
}

/** One file of the module branch: at the fork point (before; at its old path when renamed) and at `tip` (after). */
export async function readBranchFile(workspace: Workspace, moduleId: string, path: string, tip?: string): Promise<FileSides> {
  const { repo } = workspace;
  const b = await moduleBranch(workspace, moduleId, tip);
  const { fork } = await forkOf(repo, b);
  const [forkTree, tipTree] = await Promise.all([treeOf(repo, fork), treeOf(repo, b.tip)]);
  const after = await repo.entryAtPath(tipTree!, path);
  let before = forkTree ? await repo.entryAtPath(forkTree, path) : null;
  let oldPath: string | undefined;
  if (!before && after) {
    // Added here, or the new name of a renamed file: the branch's changes know which.
    oldPath = (await changesOf(repo, b)).files.find((f) => f.path === path)?.oldPath;
    if (oldPath && forkTree) before = await repo.entryAtPath(forkTree, oldPath);
  }
  if (!before && !after) throw new FleetError('INVALID_INPUT', `"${path}" is on neither side of ${b.branch} (fork point and tip).`, { moduleId, path });
  const { fileSides } = await import('./file-sides');
  return fileSides(repo, path, before, after, oldPath);
}
