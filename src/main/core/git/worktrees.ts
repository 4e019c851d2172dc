// Which branches a working tree holds, as git counts them (`git worktree list`, branch.c's checks): the branch of
// every working tree's HEAD, main or linked, whichever one the repository was opened through, and the branch a
// rebase or bisect in progress will come back to. A local branch write refuses all of these (BRANCH_CHECKED_OUT).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { FleetError } from '../../../shared/errors';
import { configBoolean, parseGitConfig, type GitConfig } from './git-config';

/** How a working tree holds a branch: its HEAD names it, or a rebase or bisect in progress returns to it. */
export type HoldKind = 'checked-out' | 'rebasing' | 'bisecting';

export interface HeldBranch {
  /** Short branch name (`main`, `module/x`). */
  branch: string;
  /** The working tree's folder, as `git worktree list` prints it. */
  worktree: string;
  kind: HoldKind;
}

// Read synchronously: a handful of tiny files per working tree, checked before every branch write (a document
// commit among them), where a round trip through the thread pool per file would cost more than the reads.
function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** The short branch name a HEAD-like file names (`ref: refs/heads/x`, or bisect's bare `x`), or null. */
function branchIn(text: string | null, bareNameAllowed: boolean): string | null {
  const value = text?.trim() ?? '';
  if (value.startsWith('ref: refs/heads/')) return value.slice('ref: refs/heads/'.length);
  if (value.startsWith('refs/heads/')) return value.slice('refs/heads/'.length);
  // BISECT_START holds the short name, or a commit id when bisect started detached.
  if (bareNameAllowed && value && !value.startsWith('refs/') && !/^[0-9a-f]{40}$/.test(value)) return value;
  return null;
}

/** What one working tree's git folder holds: its HEAD's branch, and the branch of a rebase or bisect in progress. */
function heldBy(gitdir: string, worktree: () => string, includeHead: () => boolean): HeldBranch[] {
  const found: Array<{ branch: string; kind: HoldKind }> = [];
  const head = branchIn(readText(join(gitdir, 'HEAD')), false);
  if (head && includeHead()) found.push({ branch: head, kind: 'checked-out' });
  // As wt-status.c's wt_status_check_rebase: rebase-apply without `applying` (that is `git am`), else rebase-merge.
  let rebasing: string | null = null;
  if (existsSync(join(gitdir, 'rebase-apply'))) {
    if (!existsSync(join(gitdir, 'rebase-apply', 'applying'))) rebasing = branchIn(readText(join(gitdir, 'rebase-apply', 'head-name')), false);
  } else if (existsSync(join(gitdir, 'rebase-merge'))) {
    rebasing = branchIn(readText(join(gitdir, 'rebase-merge', 'head-name')), false);
  }
  if (rebasing) found.push({ branch: rebasing, kind: 'rebasing' });
  // As wt_status_check_bisect: a bisect is in progress while BISECT_LOG exists; BISECT_START names the branch.
  if (existsSync(join(gitdir, 'BISECT_LOG'))) {
    const bisecting = branchIn(readText(join(gitdir, 'BISECT_START')), true);
    if (bisecting) found.push({ branch: bisecting, kind: 'bisecting' });
  }
  // The folder is looked up only for a tree that holds something (most hold their HEAD's branch).
  return found.length === 0 ? [] : found.map((f) => ({ ...f, worktree: worktree() }));
}

/**
 * Every branch held by a working tree of the repository whose common git folder is `commondir`: the main working
 * tree (unless the repository is bare, as git skips it) and each linked one under `worktrees/`.
 */
export function heldBranches(commondir: string): HeldBranch[] {
  // A bare repository's HEAD is no working tree's (git skips it); its config is read only when HEAD names a branch.
  let config: GitConfig | null = null;
  const readConfig = () => (config ??= parseGitConfig(readText(join(commondir, 'config')) ?? ''));
  const notBare = () => configBoolean(readConfig().get('core.bare')) !== true;
  // The main working tree is core.worktree when set (relative to the git folder), else the folder holding `.git`.
  const mainFolder = () => {
    const configured = readConfig().get('core.worktree');
    if (configured) return resolve(commondir, configured);
    return basename(commondir) === '.git' ? dirname(commondir) : commondir;
  };
  const held = heldBy(commondir, mainFolder, notBare);
  let names: string[] = [];
  try {
    names = readdirSync(join(commondir, 'worktrees'));
  } catch {
    // No linked working trees.
  }
  for (const name of names) {
    const admin = join(commondir, 'worktrees', name);
    // `gitdir` names the linked tree's `.git` file; a tree whose folder is gone still counts until pruned, as in git.
    const folder = () => {
      const dotGit = readText(join(admin, 'gitdir'))?.trim();
      return dotGit ? dirname(dotGit) : admin;
    };
    held.push(...heldBy(admin, folder, () => true));
  }
  return held;
}

/** Branches held by any working tree (see heldBranches), by short name; the first working tree found wins. */
export function checkedOutBranches(commondir: string): Map<string, HeldBranch> {
  const byBranch = new Map<string, HeldBranch>();
  for (const hold of heldBranches(commondir)) if (!byBranch.has(hold.branch)) byBranch.set(hold.branch, hold);
  return byBranch;
}

const WHY: Record<HoldKind, (hold: HeldBranch) => string> = {
  'checked-out': (h) => `${h.branch} is checked out in a working tree (${h.worktree})`,
  rebasing: (h) => `${h.branch} is being rebased in the working tree ${h.worktree}`,
  bisecting: (h) => `${h.branch} is being bisected in the working tree ${h.worktree}`,
};

const AFTER: Record<HoldKind, string> = {
  'checked-out': "would leave that working tree's files behind the branch",
  rebasing: 'would make its `git rebase --continue` fail or drop this commit',
  bisecting: 'would change the branch its `git bisect reset` returns to',
};

const ADVICE: Record<HoldKind, string> = {
  'checked-out': 'Switch that working tree to another branch first.',
  rebasing: 'Finish the rebase there (git rebase --continue, or --abort) first.',
  bisecting: 'End the bisect there (git bisect reset) first.',
};

/** The BRANCH_CHECKED_OUT error for writing a held branch: `doing` is what was about to happen ("committing to it here"). */
export function checkedOutError(hold: HeldBranch, doing: string, advice = ADVICE[hold.kind], data: Record<string, unknown> = {}): FleetError {
  return new FleetError('BRANCH_CHECKED_OUT', `${WHY[hold.kind](hold)}; ${doing} ${AFTER[hold.kind]}. ${advice}`, {
    branch: hold.branch,
    worktree: hold.worktree,
    state: hold.kind,
    ...data,
  });
}

/** Throws BRANCH_CHECKED_OUT when `branch` (short name) is held by any working tree of the repository. */
export function refuseHeldBranch(commondir: string, branch: string, doing: string): void {
  const hold = checkedOutBranches(commondir).get(branch);
  if (hold) throw checkedOutError(hold, doing);
}
