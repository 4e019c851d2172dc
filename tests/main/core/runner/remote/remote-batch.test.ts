// Remote batches end to end from the app's side: the app dispatches through the loopback Actions API, the stand-in
// runner runs the committed workflow (the bundled CLI against a loopback provider, pushing the review branch to git's
// http-backend, uploading the record), the app follows, fetches, shows the change and accepts it; checked with the
// git CLI. Also: refusals of a review branch force-pushed or deleted and of a moved module branch; cancel and the
// budget stop across three concurrent runs; a run that fails before writing its record; a missing workflow.

import { describe, expect, it } from 'vitest';
import { githubWorkflow } from '../../../../../src/main/core/runner/workflows/github-workflow';
import { GITHUB_WORKFLOW_PATH } from '../../../../../src/main/core/runner/workflows/runner-files';
import { commitFiles, git } from '../../../../helpers/git';
import { gitAsync } from '../../../../helpers/git-http-server';
import { SOURCE } from '../../../cli/implement-fixture';
import { remoteCommand, remoteRequestOf } from '../../../../../src/main/cli-remote';
import type { FleetError } from '../../../../../src/shared/errors';
import { actions, dir, KEY, lsRemote, openApp, provider, refusal, remote, remoteChange, request, until, useRemoteFixture, whenEnded } from './remote-fixture';
import { THREE_MODULES, scriptHalfShareRuns } from './remote-workspace';

useRemoteFixture();

describe('remote implementation batches on GitHub Actions', () => {
  it('dispatches a run per module, follows it through its steps, fetches the review branch, shows the change and accepts it by moving the module branch and deleting the review branch', async () => {
    const { app, seen } = await openApp();
    const tip = git(dir, 'rev-parse', 'module/fleet-hub');
    const run = await remoteChange(app, seen);
    expect(run, run.message ?? '').toMatchObject({ state: 'done', outcome: 'review', review: 'pending', tip, reviewBranch: `fleet/review/fleet-hub/${run.dispatchId}` });
    expect(run.costUsd).toBeGreaterThan(0);
    expect(run.url).toMatch(/\/acme\/fleet\/actions\/runs\/\d+$/);
    expect(run.budgetUsd).toBeLessThanOrEqual(1);
    // Followed: dispatched, then running with the steps' states, then done.
    const states = [...new Set(seen.filter((r) => r.runId === run.runId).map((r) => r.state))];
    expect(states).toEqual(expect.arrayContaining(['queued', 'dispatched', 'running', 'done']));
    expect(seen.some((r) => r.runId === run.runId && r.jobs[0]?.steps.some((s) => s.name === 'Run Fleet Control' && s.state === 'running'))).toBe(true);
    expect(run.jobs[0]!.steps.every((s) => s.state === 'succeeded')).toBe(true);
    // The dispatch carried the module, its tip and the share, on main.
    const dispatched = actions.runs.find((r) => r.inputs.run_id === run.dispatchId)!;
    expect(dispatched).toMatchObject({ ref: 'main', inputs: { kind: 'implement', module: 'fleet-hub', tip, budget: String(run.budgetUsd) } });
    // Nothing is accepted that was not reviewed.
    expect((await refusal(app.handlers.acceptRemoteRun({ runId: run.runId }))).code).toBe('RUN_NOT_REVIEWABLE');
    const changes = await app.handlers.getRemoteRunChanges({ runId: run.runId });
    expect(changes.files.map((f) => [f.path, f.status, f.kind])).toEqual([[SOURCE, 'modified', 'code']]);
    const sides = await app.handlers.readRemoteRunFile({ runId: run.runId, path: SOURCE });
    expect(sides).toMatchObject({ before: 'export {}\n', after: 'export const fixed = true;\n\n' });
    const accepted = await app.handlers.acceptRemoteRun({ runId: run.runId });
    expect(accepted).toMatchObject({ review: 'accepted', acceptedCommit: run.reviewCommit });
    expect(git(dir, 'rev-parse', 'module/fleet-hub')).toBe(run.reviewCommit);
    expect(git(dir, 'rev-parse', `${run.reviewCommit}^`)).toBe(tip);
    expect(git(dir, 'show', `module/fleet-hub:${SOURCE}`)).toBe('export const fixed = true;');
    expect(await lsRemote(`refs/heads/${run.reviewBranch}`)).toBe('');
    // The review branch is never the module branch: the remote's module branch is where it was.
    expect(await lsRemote('refs/heads/module/fleet-hub')).toBe(tip);
    expect(JSON.stringify(seen)).not.toContain(KEY);
    // Put the module branch back for the next tests.
    git(dir, 'update-ref', 'refs/heads/module/fleet-hub', tip);
  }, 120_000);

  it('refuses to accept a change whose review branch was force-pushed or deleted, or whose module branch moved; nothing is moved', async () => {
    const { app, seen } = await openApp();
    const tip = git(dir, 'rev-parse', 'module/fleet-hub');
    const run = await remoteChange(app, seen);
    expect(run.state, run.message ?? '').toBe('done');
    await app.handlers.getRemoteRunChanges({ runId: run.runId });
    const branch = `refs/heads/${run.reviewBranch}`;
    await gitAsync(dir, 'push', '-q', '--force', remote, `${tip}:${branch}`);
    expect((await refusal(app.handlers.acceptRemoteRun({ runId: run.runId }))).code).toBe('REVIEW_BRANCH_FORCE_PUSHED');
    await gitAsync(dir, 'push', '-q', remote, `:${branch}`);
    expect((await refusal(app.handlers.acceptRemoteRun({ runId: run.runId }))).code).toBe('REVIEW_BRANCH_GONE');
    expect(git(dir, 'rev-parse', 'module/fleet-hub')).toBe(tip);
    await gitAsync(dir, 'push', '-q', remote, `${run.reviewCommit}:${branch}`);
    const moved = git(dir, 'commit-tree', `${tip}^{tree}`, '-p', tip, '-m', 'moved meanwhile');
    git(dir, 'update-ref', 'refs/heads/module/fleet-hub', moved);
    const error = await refusal(app.handlers.acceptRemoteRun({ runId: run.runId }));
    expect(error.code).toBe('BRANCH_MOVED');
    expect(git(dir, 'rev-parse', 'module/fleet-hub')).toBe(moved);
    expect(await lsRemote(branch)).toBe(run.reviewCommit);
    git(dir, 'update-ref', 'refs/heads/module/fleet-hub', tip);
  }, 120_000);

  it('cancels one of three concurrent runs on the host and stops dispatching when the rest of the budget cannot cover the next run, saying so for that module', async () => {
    const { app, seen } = await openApp();
    const modules = THREE_MODULES;
    // Each model call reports using half a run's lowest estimate; the budget covers two runs' shares and a little.
    const { low, budget, lowOf } = await scriptHalfShareRuns(app, provider);
    const { batch, runs } = await app.handlers.startRemoteBatch({ ...request, modules, budgetUsd: budget, concurrency: 3, baseUrl: provider.baseUrl });
    const [first, second, third] = runs;
    await until(async () => seen.find((r) => r.runId === second!.runId && r.state === 'running'), Boolean, 'the second run running');
    await app.handlers.cancelRemoteRun({ runId: second!.runId });
    const ends = await Promise.all(runs.map((r) => whenEnded(seen, r.runId)));
    expect(ends.map((r) => r.state), ends.map((r) => r.message).join('\n')).toEqual(['done', 'cancelled', 'skipped']);
    // Two shares of the lowest estimate went out at once; the third waited for them, then was not dispatched.
    expect(ends[0]!.budgetUsd).toBeCloseTo(lowOf('fleet-hub'), 9);
    expect(ends[1]!.budgetUsd).toBeCloseTo(lowOf('drivers-hub'), 9);
    expect(actions.runs.filter((r) => r.inputs.module === 'maintenance-hub')).toEqual([]);
    expect(ends[2]!.message).toMatch(/cannot cover this run's lowest estimate/);
    // The cancel reached the host: its CI run was cancelled and its share counts as spent (no record came back).
    expect(actions.runs.find((r) => r.inputs.run_id === second!.dispatchId)).toMatchObject({ cancelRequested: true, conclusion: 'cancelled' });
    expect(ends[1]).toMatchObject({ costUsd: ends[1]!.budgetUsd, costKnown: false });
    expect(ends[0]!.costUsd).toBeCloseTo(0.5 * low, 3);
    const finished = (await app.handlers.listRemoteBatches({})).find((b) => b.batchId === batch.batchId)!;
    expect(finished).toMatchObject({ state: 'finished', counts: { done: 1, cancelled: 1, skipped: 1 } });
    expect(finished.spentUsd).toBeLessThanOrEqual(budget);
    void first;
    void third;
  }, 120_000);

  it('ends a CI run that failed before Fleet Control wrote its record as failed, saying so, retries it once fixed, and refuses a batch up front (app and CLI) when the workflow is not on the base branch', async () => {
    const { app, seen } = await openApp();
    // A runner whose Node is too old: the set-up step fails, the job never reaches Fleet Control.
    const main = git(dir, 'rev-parse', 'main');
    const broken = githubWorkflow({ branchPrefix: 'module/', baseBranch: 'main', workspaceBranch: 'fleet/workspace' }).replace(/node-version: "?\d+"?/, 'node-version: "99"');
    commitFiles(dir, { [GITHUB_WORKFLOW_PATH]: broken }, 'A workflow this runner cannot run');
    await gitAsync(dir, 'push', '-q', remote, 'main');
    try {
      const { runs } = await app.handlers.startRemoteBatch({ ...request, kind: 'check', modules: ['fleet-hub'] });
      const run = await whenEnded(seen, runs[0]!.runId);
      expect(run).toMatchObject({ state: 'failed', error: { code: 'RUNNER_RECORD_MISSING' } });
      expect(run.message).toContain('without the run\'s record');
      expect(run.jobs[0]!.steps.find((s) => s.name === 'Set up Node.js')!.state).toBe('failed');
      // Fixed on main, the failed run is retried: a new attempt with its own run id, followed to its end.
      git(dir, 'reset', '-q', '--hard', main);
      await gitAsync(dir, 'push', '-q', '--force', remote, 'main');
      const retried = await app.handlers.retryRemoteRun({ runId: run.runId });
      expect(retried).toMatchObject({ state: 'queued', attempt: 2, dispatchId: `${run.runId}.2`, error: null });
      const again = await whenEnded(seen, run.runId);
      expect(again).toMatchObject({ state: 'done', outcome: 'check-failed', attempt: 2 });
      expect(actions.runs.filter((r) => (r.inputs.run_id ?? '').startsWith(run.runId)).map((r) => r.inputs.run_id)).toEqual([run.runId, `${run.runId}.2`]);
      // Without the workflow on main, the batch is refused up front, saying where to set it up; nothing is dispatched
      // or stored. The command line says the same.
      git(dir, 'rm', '-q', GITHUB_WORKFLOW_PATH);
      git(dir, 'commit', '-q', '-m', 'no workflow');
      await gitAsync(dir, 'push', '-q', remote, 'main');
      const dispatched = actions.runs.length;
      const before = (await app.handlers.listRemoteBatches({})).length;
      const missing = await refusal(app.handlers.startRemoteBatch({ ...request, kind: 'check', modules: ['fleet-hub', 'drivers-hub'], concurrency: 1 }));
      expect(missing).toMatchObject({ code: 'RUNNER_NOT_SET_UP', data: { remote: 'origin', missing: [GITHUB_WORKFLOW_PATH] } });
      expect(missing.message).toContain('Settings → Remotes → CI runners');
      expect(missing.message).toContain(`${GITHUB_WORKFLOW_PATH} is not on main`);
      const err: string[] = [];
      const code = await remoteCommand(app, remoteRequestOf('check', 'github', undefined, { modules: ['fleet-hub'] }, (m) => new Error(m)), () => undefined, (line) => err.push(line)).catch((error: FleetError) => {
        err.push(error.message);
        return 1;
      });
      expect(code).toBe(1);
      expect(err.join('\n')).toContain('Settings → Remotes → CI runners');
      expect(actions.runs.length).toBe(dispatched);
      expect((await app.handlers.listRemoteBatches({})).length).toBe(before);
    } finally {
      git(dir, 'reset', '-q', '--hard', main);
      await gitAsync(dir, 'push', '-q', '--force', remote, 'main');
    }
  }, 120_000);

  it('check --on github: dispatches a check per module, prints a line per change and a summary, exits 1 when a check failed; --on azure on a GitHub remote is refused, naming the host', async () => {
    const { app } = await openApp();
    const out: string[] = [];
    const err: string[] = [];
    const usage = (m: string) => new Error(m);
    const request = remoteRequestOf('check', 'github', undefined, { modules: ['fleet-hub'] }, usage);
    const code = await remoteCommand(app, request, (line = '') => out.push(line), (line) => err.push(line));
    expect(code).toBe(1);
    expect(err.some((l) => /^fleet-hub {2}running {2}Running: Run Fleet Control/.test(l))).toBe(true);
    expect(out.join('\n')).toMatch(/fleet-hub {2}done {2}Done: the check failed\..*\/actions\/runs\/\d+/);
    expect(out.at(-1)).toBe('0 of 1 remote runs passed.');
    expect(() => remoteRequestOf('check', 'gitlab', undefined, { modules: ['fleet-hub'] }, usage)).toThrow('--on must be one of github, azure, got "gitlab"');
    expect(() => remoteRequestOf('implement', 'github', undefined, { modules: ['fleet-hub'] }, usage)).toThrow(/--on needs --budget/);
    // Azure Pipelines runs go through an Azure DevOps remote (azure-batch.test.ts); this one is on GitHub.
    const azure = await refusal(app.handlers.startRemoteBatch({ kind: 'check', target: 'azure', modules: ['fleet-hub'] }));
    expect(azure).toMatchObject({ code: 'UNSUPPORTED', message: expect.stringContaining('"origin" is on GitHub: Azure Pipelines runs need an Azure DevOps remote') });
  }, 120_000);
});
