import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { commitDocuments } from '../../../../src/main/core/docs/commit-docs';
import { initWorkspace } from '../../../../src/main/core/workspace/init';
import { cleanupTempDirs, commitFiles, git, initRepo, makeTempDir, writeFiles } from '../../../helpers/git';

afterAll(cleanupTempDirs);

async function initialised() {
  const dir = initRepo();
  commitFiles(dir, { 'README.md': '# app\n', 'web/src/pages/FleetPage.tsx': 'export {}\n' }, 'first');
  const repo = await GitRepository.open(dir);
  await initWorkspace(repo);
  return { dir, repo };
}

const AS_IS = 'enhancements/fleet-hub/AS_IS_ANALYSIS.md';
const TO_BE = 'enhancements/fleet-hub/TO_BE_DESIGN.md';

describe('commitDocuments', () => {
  it('writes exactly one commit with the right parent and tree, and leaves HEAD, index and work tree alone', async () => {
    const { dir, repo } = await initialised();
    writeFiles(dir, { 'README.md': '# app\nlocal edit\n' });
    const status = git(dir, 'status', '--porcelain');
    const indexHash = createHash('sha1').update(readFileSync(join(dir, '.git/index'))).digest('hex');
    const tip = git(dir, 'rev-parse', 'module/fleet-hub');

    const result = await commitDocuments(repo, { branch: 'module/fleet-hub', expectedTip: tip, changes: [{ path: AS_IS, content: '# As is\n\nReal.\n' }], message: 'Fleet Hub: as-is' });

    expect(git(dir, 'rev-parse', 'module/fleet-hub')).toBe(result.commit);
    expect(git(dir, 'rev-parse', 'module/fleet-hub^')).toBe(tip);
    expect(git(dir, 'rev-list', '--count', `${tip}..module/fleet-hub`)).toBe('1');
    expect(git(dir, 'diff', '--name-only', tip, 'module/fleet-hub')).toBe(AS_IS);
    expect(git(dir, 'show', `module/fleet-hub:${AS_IS}`)).toBe('# As is\n\nReal.');
    expect(git(dir, 'log', '-1', '--format=%s', 'module/fleet-hub')).toBe('Fleet Hub: as-is');
    expect(git(dir, 'status', '--porcelain')).toBe(status);
    expect(createHash('sha1').update(readFileSync(join(dir, '.git/index'))).digest('hex')).toBe(indexHash);
    expect(git(dir, 'symbolic-ref', 'HEAD')).toBe('refs/heads/main');
    expect(git(dir, 'fsck', '--strict', '--no-progress')).toBe('');
  });

  it('commits both sides of the diff view as one commit, with trailers', async () => {
    const { dir, repo } = await initialised();
    const tip = git(dir, 'rev-parse', 'module/fleet-hub');
    await commitDocuments(repo, {
      branch: 'module/fleet-hub',
      expectedTip: tip,
      changes: [
        { path: AS_IS, content: 'left\n' },
        { path: TO_BE, content: 'right\n' },
      ],
      message: 'Both sides',
      trailers: { 'Fleet-Run': 'run-123', 'Fleet-Model': 'grok-4' },
    });
    expect(git(dir, 'diff', '--name-only', tip, 'module/fleet-hub').split('\n').sort()).toEqual([AS_IS, TO_BE].sort());
    expect(git(dir, 'log', '-1', '--format=%(trailers:key=Fleet-Run,valueonly)', 'module/fleet-hub')).toBe('run-123');
  });

  it('refuses when the branch moved since the edit began, and keeps the other commit', async () => {
    const { dir, repo } = await initialised();
    const tip = git(dir, 'rev-parse', 'module/fleet-hub');
    const theirs = git(dir, 'commit-tree', `${tip}^{tree}`, '-p', tip, '-m', 'from a terminal');
    git(dir, 'update-ref', 'refs/heads/module/fleet-hub', theirs);
    await expect(
      commitDocuments(repo, { branch: 'module/fleet-hub', expectedTip: tip, changes: [{ path: AS_IS, content: 'mine\n' }], message: 'mine' }),
    ).rejects.toMatchObject({ code: 'BRANCH_MOVED', data: { expected: tip, actual: theirs } });
    expect(git(dir, 'rev-parse', 'module/fleet-hub')).toBe(theirs);
  });

  it('refuses to write the branch that is checked out, in the main or a linked work tree', async () => {
    const { dir, repo } = await initialised();
    git(dir, 'worktree', 'add', '-q', join(makeTempDir(), 'wt-linked'), 'module/drivers-hub');
    const tip = git(dir, 'rev-parse', 'module/drivers-hub');
    await expect(
      commitDocuments(repo, { branch: 'module/drivers-hub', expectedTip: tip, changes: [{ path: 'enhancements/drivers-hub/TEST_PLAN.md', content: 'x\n' }], message: 'x' }),
    ).rejects.toMatchObject({ code: 'BRANCH_CHECKED_OUT' });
    const mainTip = git(dir, 'rev-parse', 'main');
    await expect(
      commitDocuments(repo, { branch: 'main', expectedTip: mainTip, changes: [{ path: 'x.md', content: 'x\n' }], message: 'x' }),
    ).rejects.toMatchObject({ code: 'BRANCH_CHECKED_OUT' });
    expect(git(dir, 'rev-parse', 'module/drivers-hub')).toBe(tip);
  });
});
