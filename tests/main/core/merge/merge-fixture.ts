// A workspace whose module branches cover every way a merge can go: same lines, different lines, different files,
// add/add, modify/delete, a binary file, file/directory, a mode change, a deleted branch, one already merged.
// Built with the git CLI; `git merge-tree` is the reference the tests compare against.

import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { initWorkspace } from '../../../../src/main/core/workspace/init';
import { Workspace } from '../../../../src/main/core/workspace/workspace';
import { GIT_ENV, commitFiles, git, initRepo, writeFiles } from '../../../helpers/git';

const lines = (prefix: string, count: number, change: Record<number, string> = {}) =>
  Array.from({ length: count }, (_, i) => change[i + 1] ?? `${prefix} line ${i + 1}`).join('\n') + '\n';

export const CONFIG = 'shared/config.ts';
const BINARY = (fill: number) => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, fill, 0, 2, 3]);

/** What each module branch does (the expected forecast against main once main has moved on). */
export const EXPECTED = {
  'fleet-hub': { outcome: 'conflicts', conflicts: [{ path: CONFIG, kind: 'content' }] },
  'drivers-hub': { outcome: 'clean', conflicts: [] },
  'maintenance-hub': { outcome: 'clean', conflicts: [] },
  'safety-hub': { outcome: 'conflicts', conflicts: [{ path: 'src/added.ts', kind: 'add-add' }] },
  'analytics-hub': { outcome: 'conflicts', conflicts: [{ path: 'src/remove-me.ts', kind: 'modify-delete' }] },
  'operations-hub': { outcome: 'conflicts', conflicts: [{ path: 'assets/logo.bin', kind: 'binary' }] },
  'procurement-hub': { outcome: 'clean', conflicts: [] },
  'compliance-hub': { outcome: 'clean', conflicts: [] },
  'assets-hub': { outcome: 'clean', conflicts: [] },
  'communication-hub': { outcome: 'clean', conflicts: [] },
  'fuel-management': { outcome: 'conflicts', conflicts: [{ path: 'docs/guide', kind: 'file-directory' }] },
  telematics: { outcome: 'clean', conflicts: [] },
  inventory: { outcome: 'clean', conflicts: [] },
  'dispatch-system': { outcome: 'clean', conflicts: [] },
  'ai-insights': { outcome: 'clean', conflicts: [] },
  'cost-analytics': { outcome: 'missing', conflicts: [] },
  'user-management': { outcome: 'up-to-date', conflicts: [] },
} as const;

export type FixtureModule = keyof typeof EXPECTED;

/** Commits `files` (null deletes) on `branch` through the work tree, then goes back to main. */
function commitOn(dir: string, branch: string, files: Record<string, string | Buffer | null>, message: string): void {
  git(dir, 'checkout', '-q', branch);
  for (const [path, content] of Object.entries(files)) if (content === null) rmSync(join(dir, path), { recursive: true });
  writeFiles(dir, Object.fromEntries(Object.entries(files).filter(([, c]) => c !== null)) as Record<string, string | Buffer>);
  git(dir, 'add', '-A');
  execFileSync('git', ['commit', '-q', '-m', message], { cwd: dir, env: GIT_ENV });
  git(dir, 'checkout', '-q', 'main');
}

/** The fixture repository (main checked out, clean work tree) and its workspace. */
export async function mergeFixture(): Promise<{ dir: string; workspace: Workspace }> {
  const dir = initRepo();
  commitFiles(
    dir,
    {
      [CONFIG]: lines('config', 12),
      'src/a.ts': lines('a', 5),
      'src/b.ts': lines('b', 6),
      'src/c.ts': lines('c', 12),
      'src/remove-me.ts': lines('old', 3),
      'src/moved-by-module.ts': lines('moved', 8),
      'src/moved-by-main.ts': lines('renamed', 8),
      'assets/logo.bin': BINARY(1),
      'README.md': '# fleet\n',
    },
    'first',
  );
  git(dir, 'branch', 'old-main');
  commitFiles(dir, { 'NOTES.md': 'notes\n' }, 'second');
  await initWorkspace(await GitRepository.open(dir));

  commitOn(dir, 'module/fleet-hub', { [CONFIG]: lines('config', 12, { 2: 'fleet changed line 2' }) }, 'fleet: config');
  commitOn(dir, 'module/drivers-hub', { [CONFIG]: lines('config', 12, { 9: 'drivers changed line 9' }) }, 'drivers: config');
  commitOn(dir, 'module/maintenance-hub', { 'src/maintenance.ts': 'export const maintenance = 1;\n' }, 'maintenance: new file');
  commitOn(dir, 'module/safety-hub', { 'src/added.ts': 'export const safety = 1;\n' }, 'safety: add');
  commitOn(dir, 'module/analytics-hub', { 'src/remove-me.ts': lines('old', 3, { 2: 'analytics kept this' }) }, 'analytics: edit');
  commitOn(dir, 'module/operations-hub', { 'assets/logo.bin': BINARY(7) }, 'operations: logo');
  commitOn(dir, 'module/procurement-hub', { 'src/b.ts': lines('b', 6, { 3: 'procurement line 3' }) }, 'procurement: b');
  commitOn(dir, 'module/compliance-hub', { 'src/b.ts': lines('b', 6, { 3: 'compliance line 3' }) }, 'compliance: b');
  commitOn(dir, 'module/assets-hub', { 'src/c.ts': lines('c', 12, { 1: 'assets line 1' }) }, 'assets: c');
  commitOn(dir, 'module/communication-hub', { 'src/c.ts': lines('c', 12, { 11: 'communication line 11' }) }, 'communication: c');
  commitOn(dir, 'module/fuel-management', { 'docs/guide/intro.md': '# intro\n' }, 'fuel: guide folder');
  // Exact renames: the module moves a file main edits, and main moves a file the module edits.
  git(dir, 'checkout', '-q', 'module/dispatch-system');
  mkdirSync(join(dir, 'lib'), { recursive: true });
  git(dir, 'mv', 'src/moved-by-module.ts', 'lib/moved-by-module.ts');
  git(dir, 'commit', '-q', '-m', 'dispatch: move a file');
  git(dir, 'checkout', '-q', 'main');
  commitOn(dir, 'module/ai-insights', { 'src/moved-by-main.ts': lines('renamed', 8, { 6: 'ai-insights line 6' }) }, 'ai-insights: edit');
  git(dir, 'checkout', '-q', 'module/telematics');
  chmodSync(join(dir, 'src/a.ts'), 0o755);
  git(dir, 'commit', '-q', '-am', 'telematics: make a.ts executable');
  git(dir, 'checkout', '-q', 'main');
  git(dir, 'branch', '-D', '-q', 'module/cost-analytics');
  git(dir, 'branch', '-f', 'module/user-management', 'old-main');

  // main moves on after the modules forked.
  commitFiles(
    dir,
    {
      [CONFIG]: lines('config', 12, { 2: 'main changed line 2' }),
      'src/added.ts': 'export const fromMain = 2;\n',
      'assets/logo.bin': BINARY(9),
      'docs/guide': 'a guide file\n',
      'src/a.ts': lines('a', 5, { 5: 'main line 5' }),
      'src/moved-by-module.ts': lines('moved', 8, { 2: 'main line 2' }),
    },
    'main moves on',
  );
  mkdirSync(join(dir, 'lib'), { recursive: true });
  git(dir, 'mv', 'src/moved-by-main.ts', 'lib/moved-by-main.ts');
  git(dir, 'rm', '-q', 'src/remove-me.ts');
  git(dir, 'commit', '-q', '-m', 'main removes remove-me');
  return { dir, workspace: await Workspace.open(dir) };
}

/** `git merge-tree --write-tree --name-only`: the merged tree and the conflicting paths git reports. */
export function gitMergeTree(dir: string, ours: string, theirs: string): { tree: string; conflicted: string[]; clean: boolean } {
  try {
    const out = execFileSync('git', ['merge-tree', '--write-tree', '--name-only', '--no-messages', ours, theirs], { cwd: dir, env: GIT_ENV, encoding: 'utf8' });
    return { tree: out.trim().split('\n')[0]!, conflicted: [], clean: true };
  } catch (error) {
    const out = String((error as { stdout?: string }).stdout ?? '');
    const [tree, ...paths] = out.trim().split('\n');
    if (!tree) throw error;
    return { tree, conflicted: paths.filter(Boolean), clean: false };
  }
}
