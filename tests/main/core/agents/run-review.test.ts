// Document runs end in drafts that wait for review: which do (listRuns, the board's cards), the reviewed mark, and
// "commit all reviewed" through commitRun, one commit per document at its branch's tip, checked with git.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { BatchStarted, ReviewedRunCommit, RunList, RunRecord } from '../../../../src/shared/types-agents';
import type { BoardState } from '../../../../src/shared/types';
import { cleanupTempDirs, commitFiles, git, makeTempDir } from '../../../helpers/git';
import { startProviderServer, type ProviderServer } from '../../../helpers/provider-servers';
import { batchEnd, demoRepo, loopbackProvider, newCore, openInitialised, type Core } from './agent-fixtures';

let server: ProviderServer;
let template: string;
const cores: Core[] = [];

beforeAll(async () => {
  server = await startProviderServer();
  template = await demoRepo();
});
afterEach(async () => {
  for (const core of cores.splice(0)) await core.app.dispose();
  server.reset();
});
afterAll(async () => {
  await server.close();
  cleanupTempDirs();
});

async function setUp(): Promise<{ core: Core; repo: string }> {
  const repo = join(makeTempDir('fleet-review-repo-'), 'fleetops');
  git(join(repo, '..'), 'clone', '-q', '--no-local', template, repo);
  const core = newCore();
  cores.push(core);
  await openInitialised(core, repo);
  await core.ok('saveProvider', { provider: loopbackProvider(server.baseUrl) });
  await core.ok('setProviderKey', { id: 'loopback', key: 'sk-loopback-review-0123456789' });
  const prices = await core.ok<{ prices: Record<string, unknown>; branchTip: string }>('getPrices');
  await core.ok('savePrices', { prices: { ...prices.prices, 'loopback/test-model': { input: 2, output: 10 } }, expectedTip: prices.branchTip });
  return { core, repo };
}

const reviewKinds = async (core: Core, moduleId: string) => (await core.ok<BoardState>('getBoard', {})).modules.find((m) => m.id === moduleId)!.reviewKinds;

describe('reviewing the drafts document runs leave', () => {
  it('lists what waits for review, commits only the reviewed drafts one after another, and the cards count what is left', async () => {
    const { core, repo } = await setUp();
    const started = await core.ok<BatchStarted>('startBatch', { modules: ['fleet-hub', 'drivers-hub'], kinds: ['as-is', 'to-be'], provider: 'loopback' });
    await batchEnd(core, started.batchId);
    const list = await core.ok<RunList>('listRuns', { batchId: started.batchId });
    expect(list.awaitingReview).toHaveLength(4);
    expect((await reviewKinds(core, 'fleet-hub'))?.sort()).toEqual(['as-is', 'to-be']);

    // Nothing is reviewed yet: nothing is committed.
    const fleetTip = git(repo, 'rev-parse', 'module/fleet-hub');
    expect(await core.ok<ReviewedRunCommit[]>('commitReviewedRuns', {})).toEqual([]);
    expect(git(repo, 'rev-parse', 'module/fleet-hub')).toBe(fleetTip);

    const fleetRuns = list.runs.filter((r) => r.moduleId === 'fleet-hub');
    for (const run of fleetRuns) expect((await core.ok<RunRecord>('markRunReviewed', { runId: run.runId, reviewed: true })).reviewedAt).toBeTruthy();
    const results = await core.ok<ReviewedRunCommit[]>('commitReviewedRuns', {});
    expect(results.map((r) => [r.moduleId, r.error])).toEqual([
      ['fleet-hub', null],
      ['fleet-hub', null],
    ]);
    // Two commits on the module branch, each with its run's provenance; drivers-hub untouched.
    expect(git(repo, 'rev-list', '--count', `${fleetTip}..module/fleet-hub`)).toBe('2');
    for (const run of fleetRuns) expect(git(repo, 'log', '--format=%(trailers:key=Fleet-Run,valueonly)', 'module/fleet-hub')).toContain(run.runId);
    expect(git(repo, 'show', 'module/fleet-hub:enhancements/fleet-hub/TO_BE_DESIGN.md')).toContain('fleet-hub');
    git(repo, 'fsck', '--no-progress');

    const after = await core.ok<RunList>('listRuns', { batchId: started.batchId });
    expect(after.awaitingReview?.sort()).toEqual(after.runs.filter((r) => r.moduleId === 'drivers-hub').map((r) => r.runId).sort());
    expect(await reviewKinds(core, 'fleet-hub')).toEqual([]);
    expect((await reviewKinds(core, 'drivers-hub'))?.sort()).toEqual(['as-is', 'to-be']);
    // A committed run has nothing left to review.
    expect(await core.call('markRunReviewed', { runId: fleetRuns[0]!.runId, reviewed: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('leaves a reviewed draft uncommitted when its document changed on the branch since the run began', async () => {
    const { core, repo } = await setUp();
    const started = await core.ok<BatchStarted>('startBatch', { modules: ['fuel-management'], kinds: ['as-is'], provider: 'loopback' });
    await batchEnd(core, started.batchId);
    // A teammate commits the same document from a terminal meanwhile.
    const wt = join(makeTempDir(), 'wt');
    git(repo, 'worktree', 'add', '-q', wt, 'module/fuel-management');
    commitFiles(wt, { 'enhancements/fuel-management/AS_IS_ANALYSIS.md': '# Fuel\n\nWritten by hand.\n' }, 'as-is by hand');
    git(repo, 'worktree', 'remove', wt);
    const tip = git(repo, 'rev-parse', 'module/fuel-management');

    await core.ok('markRunReviewed', { runId: started.runIds[0], reviewed: true });
    const [result] = await core.ok<ReviewedRunCommit[]>('commitReviewedRuns', {});
    expect(result).toMatchObject({ moduleId: 'fuel-management', commit: null, error: { code: 'BRANCH_MOVED', message: expect.stringContaining('changed on module/fuel-management since the run began') } });
    expect(git(repo, 'rev-parse', 'module/fuel-management')).toBe(tip);
    expect((await core.ok<RunList>('listRuns', { batchId: started.batchId })).awaitingReview).toEqual(started.runIds);
  });
});
