// A CLI engine's working copy as a git repository whose HEAD is the start tip (some CLIs refuse to run outside one,
// some commit): `git init`, the user's object store linked read-only through objects/info/alternates (nothing is
// ever written to the user's repository), a branch at the start tip and its tree as the index. The agent's own
// commits need no undoing: change tracking compares the files with the start tip, and `.git` is never a change.

import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** git without the user's or the system's configuration (no hooks, no templates of theirs). */
async function git(cwd: string, args: string[]): Promise<string> {
  const env = { PATH: process.env.PATH ?? '', HOME: cwd, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LANG: 'C' };
  const { stdout } = await run('git', args, { cwd, env, timeout: 30_000 });
  return stdout.trim();
}

/** The object folder of the user's repository at `repoDir` (a worktree's common one). */
export async function objectStore(repoDir: string): Promise<string> {
  const common = await git(repoDir, ['rev-parse', '--git-common-dir']);
  return join(isAbsolute(common) ? common : resolve(repoDir, common), 'objects');
}

/** Makes `dir` (already holding the start tip's files) a repository at `startTip`; returns the linked object folder. */
export async function initCopyRepository(dir: string, repoDir: string, startTip: string): Promise<string> {
  const objects = await objectStore(repoDir);
  await git(dir, ['init', '-q', '--template=', '-b', 'fleet-run']);
  await writeFile(join(dir, '.git', 'objects', 'info', 'alternates'), `${objects}\n`);
  await git(dir, ['update-ref', 'refs/heads/fleet-run', startTip]);
  await git(dir, ['read-tree', startTip]);
  // The CLI's commits need an identity; the copy's own config keeps the user's out.
  await git(dir, ['config', 'user.name', 'Fleet Control agent']);
  await git(dir, ['config', 'user.email', 'agent@fleet-control.invalid']);
  return objects;
}
