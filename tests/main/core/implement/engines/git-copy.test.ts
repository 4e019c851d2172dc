// A CLI engine's working copy as a git repository at the start tip, linked to the user's objects read-only: the
// agent's own commits fold into the one change (files against the start tip), `.git` is never part of it, and
// the user's repository gets no new object or ref.

import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { initCopyRepository, objectStore } from '../../../../../src/main/core/implement/engines/git-copy';
import { computeChanges } from '../../../../../src/main/core/implement/working-copy/changes';
import { GitRepository } from '../../../../../src/main/core/git/repository';
import { Launcher } from '../../../../../src/main/core/launcher/launcher';
import { cleanupTempDirs, commitFiles, git, initRepo, makeTempDir, writeFiles } from '../../../../helpers/git';

afterAll(cleanupTempDirs);

function objectCount(repoDir: string): number {
  return readdirSync(join(repoDir, '.git', 'objects')).filter((d) => /^[0-9a-f]{2}$/.test(d)).flatMap((d) => readdirSync(join(repoDir, '.git', 'objects', d))).length;
}

describe('a CLI engine working copy as a git repository', () => {
  it('has the start tip as HEAD with a clean status, folds the agent\'s commits into the change and leaves .git out', async () => {
    const repoDir = initRepo();
    const tip = commitFiles(repoDir, { 'src/a.ts': 'export const a = 1;\n', 'README.md': 'hello\n' }, 'start');
    const refsBefore = git(repoDir, 'for-each-ref');
    const objectsBefore = objectCount(repoDir);
    const dir = makeTempDir('fleet-engine-copy-');
    writeFiles(dir, { 'src/a.ts': 'export const a = 1;\n', 'README.md': 'hello\n' });
    const repo = await GitRepository.open(repoDir);
    const launcher = new Launcher({ appDataDirs: [makeTempDir('fleet-engine-appdata-')], workRoot: makeTempDir('fleet-engine-work-') });
    await initCopyRepository(launcher, dir, objectStore(repo), tip);
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(tip);
    expect(git(dir, 'status', '--porcelain')).toBe('');
    // The agent edits and commits by itself, as some CLIs do.
    writeFiles(dir, { 'src/a.ts': 'export const a = 2;\n', 'src/b.ts': 'export const b = 1;\n' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'agent commit');
    expect(git(dir, 'rev-parse', 'HEAD')).not.toBe(tip);
    const changes = await computeChanges(repo, tip, dir);
    expect(changes.map((c) => [c.path, c.status])).toEqual([
      ['src/a.ts', 'modified'],
      ['src/b.ts', 'added'],
    ]);
    expect(git(repoDir, 'for-each-ref')).toBe(refsBefore);
    expect(objectCount(repoDir)).toBe(objectsBefore);
  });
});
