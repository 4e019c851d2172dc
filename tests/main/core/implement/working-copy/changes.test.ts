// Change tracking against git: after writes, edits, deletes, renames, chmod and symlinks in a working copy, the
// changes we report are what `git diff --name-status --find-renames=100%` reports for a commit git makes from the
// copy; line counts match `--numstat`; review edits (revert, the user's edit, both sides) do what they say.

import { chmodSync, mkdirSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync, readFileSync, lstatSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkingCopies } from '../../../../../src/main/core/implement/working-copy/working-copies';
import { computeChanges, countChanges } from '../../../../../src/main/core/implement/working-copy/changes';
import { readSides, revertPath, writeUserEdit } from '../../../../../src/main/core/implement/working-copy/review-edits';
import { GitRepository } from '../../../../../src/main/core/git/repository';
import { FleetError } from '../../../../../src/shared/errors';
import { cleanupTempDirs, gitBuffer, makeTempDir } from '../../../../helpers/git';
import { latin1 } from '../../../../helpers/raw-names';
import { gitCommitFromCopy, gitNameStatus, mixedRepo, ourNameStatus } from './copy-fixture';

afterAll(cleanupTempDirs);

let repoDir: string;
let commit: string;
let repo: GitRepository;
let wc: WorkingCopies;
let runs = 0;

beforeAll(async () => {
  ({ repoDir, commit } = mixedRepo());
  repo = await GitRepository.open(repoDir);
  wc = new WorkingCopies({ appDataDir: makeTempDir('fleet-appdata-'), workspacePath: repoDir, limit: 50 });
});

async function freshCopy(): Promise<string> {
  return (await wc.create(`run-${++runs}`, repo, commit)).dir;
}

const rawPath = (dir: string, name: string) => Buffer.concat([Buffer.from(`${dir}/`), latin1(name)]);

describe('change tracking', () => {
  it('reports nothing for an untouched copy', async () => {
    const dir = await freshCopy();
    expect(await computeChanges(repo, commit, dir)).toEqual([]);
    expect(await countChanges(repo, commit, dir)).toBe(0);
  });

  it('matches git for writes, edits, deletes, renames, chmod, symlinks and a name that is not UTF-8', async () => {
    const dir = await freshCopy();
    writeFileSync(join(dir, 'src/a.ts'), readFileSync(join(dir, 'src/a.ts'), 'utf8').replace('line 5\n', 'line five\nline 5b\n'));
    writeFileSync(join(dir, 'new.ts'), 'one\ntwo\n');
    unlinkSync(join(dir, 'del.txt'));
    renameSync(join(dir, 'docs/old-name.md'), join(dir, 'docs/new-name.md'));
    chmodSync(join(dir, 'bin/run.sh'), 0o644);
    unlinkSync(join(dir, 'link'));
    symlinkSync('src/b.ts', join(dir, 'link'));
    symlinkSync('../README.md', join(dir, 'src/readme-link'));
    writeFileSync(rawPath(dir, 'caf\xe9.txt'), 'changed latin-1 name\n');
    writeFileSync(join(dir, 'bin.dat'), Buffer.from([1, 0, 9]));
    // A type change: a file becomes a symlink.
    unlinkSync(join(dir, 'README.md'));
    symlinkSync('src/a.ts', join(dir, 'README.md'));
    const changes = await computeChanges(repo, commit, dir);
    expect(ourNameStatus(changes)).toEqual(gitNameStatus(repoDir, commit, dir));
    expect(changes.map((c) => c.path)).toEqual([...changes.map((c) => c.path)].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    const byPath = new Map(changes.map((c) => [c.path, c]));
    expect(byPath.get('src/a.ts')).toMatchObject({ status: 'modified', additions: 2, deletions: 1, binary: false, oldMode: '100644', newMode: '100644' });
    expect(byPath.get('bin/run.sh')).toMatchObject({ status: 'mode-changed', oldMode: '100755', newMode: '100644', additions: 0, deletions: 0 });
    expect(byPath.get('docs/new-name.md')).toMatchObject({ status: 'renamed', oldPath: 'docs/old-name.md' });
    expect(byPath.get('link')).toMatchObject({ status: 'modified', oldMode: '120000', newMode: '120000', additions: 1, deletions: 1 });
    expect(byPath.get('src/readme-link')).toMatchObject({ status: 'added', newMode: '120000', oldMode: null });
    expect(byPath.get('bin.dat')).toMatchObject({ status: 'modified', binary: true, additions: 0, deletions: 0 });
    expect(byPath.get('caf\udce9.txt')).toMatchObject({ status: 'modified' });
    expect(byPath.get('new.ts')).toMatchObject({ status: 'added', additions: 2, deletions: 0 });
    expect(byPath.get('del.txt')).toMatchObject({ status: 'deleted', additions: 0, deletions: 1 });
  });

  it("leaves out untracked files the copy's .gitignore files ignore, as git add -A does, but never tracked ones", async () => {
    const dir = await freshCopy();
    writeFileSync(join(dir, '.gitignore'), '# build output\nnode_modules/\n*.log\n!keep.log\n/dist\nsrc/*.tmp\n');
    mkdirSync(join(dir, 'node_modules/pkg'), { recursive: true });
    writeFileSync(join(dir, 'node_modules/pkg/index.js'), 'x');
    writeFileSync(join(dir, 'debug.log'), 'x');
    writeFileSync(join(dir, 'keep.log'), 'x');
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist/out.js'), 'x');
    writeFileSync(join(dir, 'src/x.tmp'), 'x');
    mkdirSync(join(dir, 'src/deeper'));
    writeFileSync(join(dir, 'src/deeper/.gitignore'), 'local.txt\n');
    writeFileSync(join(dir, 'src/deeper/local.txt'), 'x');
    writeFileSync(join(dir, 'src/deeper/kept.txt'), 'x');
    // Tracked files stay tracked even when a pattern matches them.
    writeFileSync(join(dir, '.gitignore'), `${readFileSync(join(dir, '.gitignore'), 'utf8')}README.md\n`);
    writeFileSync(join(dir, 'README.md'), 'still tracked\n');
    const ours = ourNameStatus(await computeChanges(repo, commit, dir));
    expect(ours).toEqual(gitNameStatus(repoDir, commit, dir));
    expect(ours).toEqual(['A .gitignore', 'A keep.log', 'A src/deeper/.gitignore', 'A src/deeper/kept.txt', 'M README.md']);
  });

  it('sees a same-size edit whose modification time was put back (the change time still moved)', async () => {
    const dir = await freshCopy();
    const file = join(dir, 'src/b.ts');
    const before = statSync(file);
    writeFileSync(file, 'export const b = 2;\n');
    utimesSync(file, before.atime, before.mtime);
    expect(statSync(file).size).toBe(before.size);
    expect(ourNameStatus(await computeChanges(repo, commit, dir))).toEqual(['M src/b.ts']);
  });

  it('counts lines as git --numstat does, a missing final newline included', async () => {
    const dir = await freshCopy();
    writeFileSync(join(dir, 'src/a.ts'), Array.from({ length: 30 }, (_, i) => (i % 7 === 0 ? `changed ${i}` : `line ${i + 1}`)).join('\n'));
    writeFileSync(join(dir, 'README.md'), 'hello');
    const ours = (await computeChanges(repo, commit, dir)).map((c) => `${c.additions}\t${c.deletions}\t${c.path}`).sort();
    const made = gitCommitFromCopy(repoDir, commit, dir);
    expect(ours).toEqual(gitBuffer(repoDir, ['diff', '--numstat', commit, made]).toString().trim().split('\n').sort());
  });
});

describe('review edits', () => {
  it('reverts each kind of change back to the start tree, both paths of a rename', async () => {
    const dir = await freshCopy();
    writeFileSync(join(dir, 'src/a.ts'), 'rewritten\n');
    writeFileSync(join(dir, 'added.txt'), 'new\n');
    rmSync(join(dir, 'bin'), { recursive: true });
    renameSync(join(dir, 'docs/old-name.md'), join(dir, 'moved.md'));
    unlinkSync(join(dir, 'link'));
    writeFileSync(join(dir, 'link'), 'now a file\n');
    for (const path of ['src/a.ts', 'added.txt', 'bin/run.sh', 'moved.md', 'link']) await revertPath(repo, commit, dir, path);
    expect(await computeChanges(repo, commit, dir)).toEqual([]);
    expect(gitNameStatus(repoDir, commit, dir)).toEqual([]);
    expect(statSync(join(dir, 'bin/run.sh')).mode & 0o100).toBe(0o100);
    expect(readlinkSync(join(dir, 'link'))).toBe('src/a.ts');
    expect(await revertPath(repo, commit, dir, 'README.md')).toEqual([]);
  });

  it('gives both sides of a change, no text for binary files, the old path of a rename', async () => {
    const dir = await freshCopy();
    writeFileSync(join(dir, 'src/b.ts'), 'export const b = 3;\n');
    renameSync(join(dir, 'docs/old-name.md'), join(dir, 'docs/renamed.md'));
    writeFileSync(join(dir, 'bin.dat'), Buffer.from([0, 0]));
    expect(await readSides(repo, commit, dir, 'src/b.ts')).toMatchObject({ path: 'src/b.ts', before: 'export const b = 1;\n', after: 'export const b = 3;\n', binary: false });
    expect(await readSides(repo, commit, dir, 'docs/renamed.md')).toMatchObject({ path: 'docs/renamed.md', oldPath: 'docs/old-name.md', before: 'moving\n', after: 'moving\n' });
    const binary = await readSides(repo, commit, dir, 'bin.dat');
    expect(binary).toMatchObject({ binary: true, before: null, after: null });
    expect(binary.beforeBlob).toMatch(/^[0-9a-f]{40}$/u);
    expect(await readSides(repo, commit, dir, 'added-later.txt')).toMatchObject({ before: null, after: null, beforeBlob: null, afterBlob: null });
  });

  it("writes the user's edit keeping the file's mode, and refuses paths outside the copy", async () => {
    const dir = await freshCopy();
    await writeUserEdit(dir, 'bin/run.sh', '#!/bin/sh\necho edited\n');
    expect(readFileSync(join(dir, 'bin/run.sh'), 'utf8')).toContain('edited');
    expect(statSync(join(dir, 'bin/run.sh')).mode & 0o100).toBe(0o100);
    for (const bad of ['../x', '/etc/passwd', '.git/config', 'link/../../x']) {
      const error = await writeUserEdit(dir, bad, 'x').catch((e: FleetError) => e);
      expect((error as FleetError).code).toBe('UNSAFE_PATH');
    }
    symlinkSync('/tmp', join(dir, 'out'));
    expect(((await writeUserEdit(dir, 'out/x', 'x').catch((e: FleetError) => e)) as FleetError).code).toBe('UNSAFE_PATH');
    expect(lstatSync(join(dir, 'out')).isSymbolicLink()).toBe(true);
  });
});
