// A module branch with every kind of entry a run must leave alone (a Latin-1 name, an executable, a symbolic link, a
// submodule gitlink), and a working copy of its tip written by the one tree writer, as a run gets it.

import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { writeCommitToFolder } from '../../../../../src/main/core/checkout/write-tree';
import { GitRepository } from '../../../../../src/main/core/git/repository';
import { initWorkspace } from '../../../../../src/main/core/workspace/init';
import { Workspace } from '../../../../../src/main/core/workspace/workspace';
import type { ChangedFile } from '../../../../../src/shared/types-implement';
import { GIT_ENV, commitFiles, git, initRepo, makeTempDir } from '../../../../helpers/git';
import { commitRawNames } from '../../../../helpers/raw-names';

export const MODULE = 'fleet-hub';
export const BRANCH = `module/${MODULE}`;
export const lines = (prefix: string, count: number, change: Record<number, string> = {}) =>
  Array.from({ length: count }, (_, i) => change[i + 1] ?? `${prefix} line ${i + 1}`).join('\n') + '\n';

let template: Promise<string> | null = null;

/** The repository (main checked out, a clean work tree), its workspace, and the module branch's tip. Built once per
 *  test file and copied for each test (initialising 32 module branches is the slow part). */
export async function acceptFixture(): Promise<{ dir: string; workspace: Workspace; startTip: string }> {
  template ??= buildFixture();
  const dir = join(makeTempDir('fleet-accept-'), 'repo');
  execFileSync('cp', ['-a', await template, dir]);
  const workspace = await Workspace.open(dir);
  return { dir, workspace, startTip: git(dir, 'rev-parse', BRANCH) };
}

async function buildFixture(): Promise<string> {
  const dir = initRepo();
  commitFiles(dir, { 'src/app.ts': lines('app', 10), 'src/util.ts': lines('util', 4), 'bin/run.sh': '#!/bin/sh\necho run\n', 'README.md': '# fleet\n' }, 'first');
  commitRawNames(dir, { 'docs/caf\xe9.txt': 'latin-1 name\n' }, 'a Latin-1 name');
  chmodSync(join(dir, 'bin/run.sh'), 0o755);
  git(dir, 'add', 'bin/run.sh');
  execFileSync('ln', ['-s', 'src/app.ts', 'app-link'], { cwd: dir });
  // A submodule gitlink (no .gitmodules needed for the tree itself).
  git(dir, 'update-index', '--add', '--cacheinfo', `160000,${git(dir, 'rev-parse', 'HEAD')},vendor/lib`);
  git(dir, 'add', 'app-link');
  execFileSync('git', ['commit', '-q', '-m', 'link, executable, submodule'], { cwd: dir, env: GIT_ENV });
  await initWorkspace(await GitRepository.open(dir));
  return dir;
}

/** A working copy of `tip` in a new temporary folder. */
export async function workingCopy(workspace: Workspace, tip: string): Promise<string> {
  const folder = makeTempDir('fleet-wc-');
  await writeCommitToFolder(workspace.repo, tip, folder);
  return folder;
}

/** A ChangedFile as the run service lists it (counts do not matter to accept). */
export function changed(path: string, status: ChangedFile['status'], extra: Partial<ChangedFile> = {}): ChangedFile {
  return { path, status, binary: false, additions: 0, deletions: 0, oldMode: '100644', newMode: '100644', ...extra };
}

export const TRAILERS = {
  'Fleet-Run': 'run-1234',
  'Fleet-Engine': 'builtin',
  'Fleet-Model': 'grok-4',
  'Fleet-Tokens-In': '1200',
  'Fleet-Tokens-Out': '340',
  'Fleet-Cost': '0.012000 USD',
  'Fleet-Turns': '6',
  'Fleet-Check': 'passed',
};

/** Loose objects in the repository (a refusal must write none). */
export function looseObjects(dir: string): number {
  return Number(/count: (\d+)/.exec(git(dir, 'count-objects', '-v'))![1]);
}

/** Commits `files` (null deletes) on `branch` through a linked working tree that is removed again; returns the new tip. */
export function commitOnBranch(dir: string, branch: string, files: Record<string, string | Buffer | null>, message: string): string {
  const wt = join(makeTempDir(), 'wt');
  git(dir, 'worktree', 'add', '-q', wt, branch);
  for (const [path, content] of Object.entries(files)) if (content === null) git(wt, 'rm', '-q', path);
  const tip = commitFiles(wt, Object.fromEntries(Object.entries(files).filter(([, c]) => c !== null)) as Record<string, string | Buffer>, message);
  git(dir, 'worktree', 'remove', wt);
  return tip;
}
