// Shared set-up for the working-copy tests: a repository made with the git CLI holding every kind of entry (an
// executable, a symlink, a binary file, a name that is not UTF-8), and git itself as the judge of a copy's change.

import { chmodSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GIT_ENV, commitFiles, git, gitBuffer, initRepo, makeTempDir } from '../../../../helpers/git';
import { latin1 } from '../../../../helpers/raw-names';
import { execFileSync } from 'node:child_process';
import { encodeName } from '../../../../../src/main/core/git/name-bytes';

/** A repository with one commit of mixed entries; returns its folder and the commit. */
export function mixedRepo(): { repoDir: string; commit: string } {
  const repoDir = initRepo();
  const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
  commitFiles(repoDir, { 'README.md': 'hello\n', 'src/a.ts': lines, 'src/b.ts': 'export const b = 1;\n', 'bin/run.sh': '#!/bin/sh\necho run\n', 'docs/old-name.md': 'moving\n', 'del.txt': 'bye\n', 'bin.dat': Buffer.from([1, 0, 2, 3]) }, 'base');
  chmodSync(join(repoDir, 'bin/run.sh'), 0o755);
  symlinkSync('src/a.ts', join(repoDir, 'link'));
  writeFileSync(Buffer.concat([Buffer.from(`${repoDir}/`), latin1('caf\xe9.txt')]), 'latin-1 name\n');
  git(repoDir, 'add', '-A');
  execFileSync('git', ['commit', '-q', '-m', 'kinds'], { cwd: repoDir, env: GIT_ENV });
  return { repoDir, commit: git(repoDir, 'rev-parse', 'HEAD') };
}

/** A commit git makes from the folder `copy` on top of `commit` (through a temporary index). */
export function gitCommitFromCopy(repoDir: string, commit: string, copy: string): string {
  const index = join(makeTempDir('fleet-index-'), 'index');
  const env = { ...GIT_ENV, GIT_INDEX_FILE: index };
  const run = (args: string[]) => execFileSync('git', args, { cwd: repoDir, env, encoding: 'latin1' }).trimEnd();
  run(['read-tree', commit]);
  run([`--work-tree=${copy}`, 'add', '-A', '.']);
  const tree = run(['write-tree']);
  return run(['commit-tree', tree, '-p', commit, '-m', 'from the copy']);
}

/** `git diff --name-status --find-renames=100%` between `commit` and a commit git makes from the folder `copy`. */
export function gitNameStatus(repoDir: string, commit: string, copy: string): string[] {
  const made = gitCommitFromCopy(repoDir, commit, copy);
  const out = gitBuffer(repoDir, ['diff', '--name-status', '-z', '--find-renames=100%', commit, made]).toString('latin1');
  const fields = out.split('\0').filter(Boolean);
  const lines: string[] = [];
  for (let i = 0; i < fields.length; ) {
    const status = fields[i++]!;
    const count = status.startsWith('R') || status.startsWith('C') ? 2 : 1;
    lines.push([status, ...fields.slice(i, i + count)].join(' '));
    i += count;
  }
  return lines.sort();
}

/** The same lines from our ChangedFile list (names as Latin-1 text of their bytes, as git printed them). */
export function ourNameStatus(files: Array<{ path: string; status: string; oldPath?: string; oldMode: string | null; newMode: string | null }>): string[] {
  const bytes = (path: string) => encodeName(path).toString('latin1');
  return files
    .map((file) => {
      const kind = (mode: string | null) => (mode === '120000' ? 'link' : 'file');
      const letter = { added: 'A', deleted: 'D', modified: kind(file.oldMode) === kind(file.newMode) ? 'M' : 'T', 'mode-changed': 'M', renamed: 'R100' }[file.status];
      return file.status === 'renamed' ? `${letter} ${bytes(file.oldPath!)} ${bytes(file.path)}` : `${letter} ${bytes(file.path)}`;
    })
    .sort();
}
