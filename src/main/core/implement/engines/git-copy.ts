// A CLI engine's working copy as a git repository whose HEAD is the start tip (some CLIs refuse to run outside one,
// some commit): `git init`, the user's object store linked read-only through objects/info/alternates (nothing is
// ever written to the user's repository), a branch at the start tip and its tree as the index. The agent's own
// commits need no undoing: change tracking compares the files with the start tip, and `.git` is never a change.
// git runs through the launcher like every command: secret-free environment, no user or system configuration, sandbox.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FleetError } from '../../../../shared/errors';
import type { GitRepository } from '../../git/repository';
import type { Launcher } from '../../launcher/launcher';
import { shellWord } from './shell-words';

/** The object folder of the user's repository (a worktree's common one), as the core already reads it. */
export function objectStore(repo: GitRepository): string {
  return join(repo.commondir, 'objects');
}

/** Runs git commands (one argument list each) in `cwd` through the launcher, `objects` readable; the first failure stops the rest. */
async function git(launcher: Launcher, cwd: string, objects: string, commands: string[][], signal?: AbortSignal): Promise<void> {
  const line = commands.map((args) => ['git', ...args].map(shellWord).join(' ')).join(' && ');
  let output = '';
  const paths = [{ path: objects, write: false }];
  const outcome = await launcher.run({ command: line, cwd, paths, timeoutMs: 30_000, signal, onOutput: (chunk) => (output = (output + chunk.toString('utf8')).slice(-2000)) });
  if (outcome.ended === 'cancelled') throw new FleetError('CANCELLED', 'Making the working copy a git repository was cancelled.');
  if (outcome.exitCode !== 0) {
    throw new FleetError('INTERNAL', `The working copy could not be made a git repository: ${output.trim().split('\n').pop() || outcome.ended}.`, { dir: cwd });
  }
}

/** Makes `dir` (already holding the start tip's files) a repository at `startTip`, reading objects from `objects`. */
export async function initCopyRepository(launcher: Launcher, dir: string, objects: string, startTip: string, signal?: AbortSignal): Promise<void> {
  await git(launcher, dir, objects, [['init', '-q', '--template=', '-b', 'fleet-run']], signal);
  await writeFile(join(dir, '.git', 'objects', 'info', 'alternates'), `${objects}\n`);
  await git(
    launcher,
    dir,
    objects,
    [
      ['update-ref', 'refs/heads/fleet-run', startTip],
      ['read-tree', startTip],
      // The CLI's commits need an identity; the copy's own config keeps the user's out.
      ['config', 'user.name', 'Fleet Control agent'],
      ['config', 'user.email', 'agent@fleet-control.invalid'],
    ],
    signal,
  );
}
