// Shallow clones (`git clone --depth N` over file://, so really shallow): every history walk stops at the boundary
// listed in .git/shallow, as git's do. Board, init, the offline analyzer, the implementation log and the forecast
// work, each compared with the git CLI in the same clone, and the analyzer says its history is shallow.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { initWorkspace } from '../../../../src/main/core/workspace/init';
import type { BoardState, DraftInfo, JobFinished } from '../../../../src/shared/types';
import type { BatchStarted, RunList } from '../../../../src/shared/types-agents';
import type { ImplementationLogDraft } from '../../../../src/shared/types-reports';
import type { MergeForecast } from '../../../../src/shared/types-merge';
import { cleanupTempDirs, commitFiles, git, initRepo, makeTempDir } from '../../../helpers/git';
import { batchEnd, newCore, type Core } from '../agents/agent-fixtures';

const FLEET_PAGE = 'web/src/pages/FleetPage.tsx';
const cores: Core[] = [];

afterAll(async () => {
  for (const core of cores) await core.app.dispose();
  cleanupTempDirs();
});

/** `git clone --depth <depth> --no-single-branch file://<source>`, with a local branch for every remote one. */
function shallowClone(source: string, depth: number): string {
  const dir = join(makeTempDir('fleet-shallow-'), 'clone');
  git(source, 'clone', '-q', '--depth', String(depth), '--no-single-branch', `file://${source}`, dir);
  for (const branch of git(dir, 'for-each-ref', '--format=%(refname:lstrip=3)', 'refs/remotes/origin').split('\n')) {
    if (branch !== 'HEAD' && branch !== 'main') git(dir, 'branch', '-q', branch, `origin/${branch}`);
  }
  return dir;
}

async function openCore(dir: string): Promise<Core> {
  const core = newCore();
  cores.push(core);
  await core.app.openWorkspace(dir);
  return core;
}

/** git's own count of commits only in a and only in b, in the clone. */
const gitAheadBehind = (dir: string, a: string, b: string) => git(dir, 'rev-list', '--left-right', '--count', `${a}...${b}`).split('\t').map(Number);

function waitForJob(core: Core, jobId: string): Promise<JobFinished> {
  return new Promise((resolve) => {
    const check = () => core.events.find((e) => e.event === 'jobFinished' && (e.payload as JobFinished).jobId === jobId)?.payload as JobFinished | undefined;
    const done = check();
    if (done) return resolve(done);
    const off = core.app.onEvent(() => {
      const finished = check();
      if (finished) {
        off();
        resolve(finished);
      }
    });
  });
}

let source: string;

beforeAll(async () => {
  // main: 8 commits; module/fleet-hub forks at the 8th and adds 3; main then moves on by 6.
  source = initRepo();
  for (let i = 1; i <= 8; i++) commitFiles(source, { [FLEET_PAGE]: `export const version = ${i};\n`, [`api/src/routes/r${i}.ts`]: 'export {}\n' }, `main ${i}`, `2024-01-0${i}T10:00:00Z`);
  await initWorkspace(await GitRepository.open(source), { now: () => new Date('2024-01-09T10:00:00Z') });
  const linked = join(makeTempDir('fleet-linked-'), 'wt');
  git(source, 'worktree', 'add', '-q', linked, 'module/fleet-hub');
  for (let i = 1; i <= 3; i++) commitFiles(linked, { [FLEET_PAGE]: `export const version = 'module ${i}';\n` }, `fleet ${i}`, `2024-02-0${i}T10:00:00Z`);
  git(source, 'worktree', 'remove', linked);
  for (let i = 1; i <= 6; i++) commitFiles(source, { [`api/src/later${i}.ts`]: 'export {}\n' }, `main later ${i}`, `2024-03-0${i}T10:00:00Z`);
});

describe('a shallow clone', () => {
  it('opens, shows the board with git\'s ahead/behind counts, and is initialised by init', async () => {
    const dir = join(makeTempDir('fleet-shallow-'), 'clone');
    git(source, 'clone', '-q', '--depth', '2', '--single-branch', '--branch', 'main', `file://${source}`, dir);
    expect(existsSync(join(dir, '.git', 'shallow'))).toBe(true);
    const core = await openCore(dir);
    await core.app.initWorkspace({});
    const board = await core.ok<BoardState>('getBoard');
    expect(board.modules).toHaveLength(32);
    for (const card of board.modules) expect([card.ahead, card.behind], card.id).toEqual(gitAheadBehind(dir, card.branch, 'main'));
    expect(git(dir, 'fsck', '--no-dangling', '--no-progress')).toBe('');
  });

  it('counts ahead/behind as git does in the clone, and the forecast and a merge name the shallow history', async () => {
    const dir = shallowClone(source, 3);
    // The module's fork point is its boundary, and main's three commits do not reach it: no common commit here.
    expect(() => git(dir, 'merge-base', 'main', 'module/fleet-hub')).toThrow();
    const core = await openCore(dir);
    const board = await core.ok<BoardState>('getBoard');
    const fleet = board.modules.find((m) => m.id === 'fleet-hub')!;
    expect([fleet.ahead, fleet.behind]).toEqual(gitAheadBehind(dir, 'module/fleet-hub', 'main'));

    const { jobId } = await core.ok<{ jobId: string }>('forecastMerges', { target: 'base', modules: ['fleet-hub', 'drivers-hub'] });
    const finished = await waitForJob(core, jobId);
    expect(finished.ok).toBe(true);
    const outcomes = Object.fromEntries((finished.result as MergeForecast).modules.map((m) => [m.moduleId, m.outcome]));
    expect(outcomes['fleet-hub']).toBe('unrelated');
    git(dir, 'checkout', '-q', '--detach');
    await expect(core.ok('mergeModules', { target: 'base', modules: ['fleet-hub'] })).rejects.toMatchObject({
      code: 'UNRELATED_HISTORIES',
      message: expect.stringContaining('shallow clone'),
    });
  });

  it('writes the implementation log from the commits the clone holds, as git log lists them', async () => {
    const dir = shallowClone(source, 3);
    const core = await openCore(dir);
    const log = await core.ok<ImplementationLogDraft>('generateImplementationLog', { moduleId: 'fleet-hub' });
    const expected = git(dir, 'log', '--format=%H', 'main..module/fleet-hub').split('\n');
    expect(log.commits).toBe(expected.length);
    for (const oid of expected) expect(log.content).toContain(oid.slice(0, 7));
  });

  it('runs the offline analyzer, whose report says the history is shallow and counts only what the clone holds', async () => {
    const dir = shallowClone(source, 3);
    const core = await openCore(dir);
    const started = await core.ok<BatchStarted>('startBatch', { modules: ['fleet-hub'], kinds: ['as-is'] });
    await batchEnd(core, started.batchId);
    const runs = await core.ok<RunList>('listRuns', { moduleId: 'fleet-hub' });
    expect(runs.runs[0]).toMatchObject({ state: 'succeeded', error: null });
    const report = (await core.ok<DraftInfo>('getDraft', { moduleId: 'fleet-hub', kind: 'as-is' })).content;
    expect(report).toMatch(/shallow clone/);
    expect(report).toContain('git fetch --unshallow');
    // FleetPage.tsx changed in the two module commits above the boundary (git log in the clone agrees).
    const changedIn = git(dir, 'log', '--first-parent', '--format=%H', 'module/fleet-hub', '--', FLEET_PAGE).split('\n');
    expect(changedIn).toHaveLength(3);
    expect(report).toMatch(new RegExp(`\\| \`${FLEET_PAGE.replace(/[./]/g, '\\$&')}\` \\| 2 \\|`));
  });
});
