// Remote batches when things go wrong between the app and GitHub: the app stopped mid-batch and opened again (runs
// running, dispatched, dispatched without a known CI run id, queued), GitHub's rate limits (secondary with Retry-After,
// the hourly limit used up with its reset) met while dispatching, following and finishing, and both ways GitHub
// answers a dispatch (200 with the run's id, or 204 and the run found by the run id in its name).

import { readFile, writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceDataDir } from '../../../../../src/main/core/paths';
import { ImplementSettingsSchema } from '../../../../../src/shared/contract-implement';
import type { StoredRemoteBatch } from '../../../../../src/main/core/runner/remote/remote-store';
import type { RemoteRun } from '../../../../../src/shared/types-remote';
import type { ServedRun } from '../../../../helpers/actions-server';
import { actions, dir, openApp, provider, request, runner, until, useRemoteFixture, whenEnded } from './remote-fixture';
import { finishTurn } from '../../../cli/implement-fixture';

useRemoteFixture();

const WAIT = "The CI host's API rate limit is used up";
const LISTING = /^GET \/repos\/acme\/fleet\/actions\/workflows\/fleet-control\.yml\/runs$/;

/** The stored record of a batch, to change what a stopped app left behind. */
async function storedFile(appDataDir: string, batchId: string): Promise<string> {
  const folder = join(workspaceDataDir(appDataDir, dir), 'remote-batches');
  const name = (await readdir(folder)).find((n) => n.startsWith(batchId))!;
  return join(folder, name);
}

/** Holds what is dispatched on the loopback GitHub (queued there, no runner takes it) until `release`. */
function holdDispatches(): { held: ServedRun[]; release: () => void } {
  const take = actions.onDispatch;
  const held: ServedRun[] = [];
  actions.onDispatch = (run) => held.push(run);
  return {
    held,
    release: () => {
      actions.onDispatch = take;
      for (const run of held.splice(0)) take(run);
    },
  };
}

const runsOf = (dispatchId: string) => actions.runs.filter((r) => r.inputs.run_id === dispatchId);

describe('remote batches across a restart and GitHub rate limits', () => {
  it('picks a batch up after the app stopped mid-batch: the running run followed to its end, the one dispatched without a known CI run id found (not dispatched again), the queued one dispatched; each once, within the budget', async () => {
    const hold = holdDispatches();
    provider.reset();
    for (let i = 0; i < 3; i++) provider.script(finishTurn('Nothing to change.'));
    const first = await openApp();
    const modules = ['fleet-hub', 'drivers-hub', 'maintenance-hub'];
    const { batch, runs } = await first.app.handlers.startRemoteBatch({ ...request, modules, budgetUsd: 5, concurrency: 2, baseUrl: provider.baseUrl });
    const [running, dispatched, queued] = runs as [RemoteRun, RemoteRun, RemoteRun];
    await until(async () => hold.held.length, (n) => n === 2, 'two dispatches');
    // The first is picked up by a runner (in progress on GitHub); the app sees it running, the other dispatched.
    actions.update(hold.held[0]!, { status: 'in_progress', jobStatus: 'in_progress' });
    await until(async () => first.app.handlers.listRemoteRuns({ batchId: batch.batchId }), (rs) => rs[0]!.state === 'running' && rs[1]!.state === 'dispatched' && rs[1]!.ciRunId !== null, 'running and dispatched');
    expect((await first.app.handlers.getRemoteRun({ runId: queued.runId })).state).toBe('queued');
    await first.app.dispose();
    // As if the app stopped before it recorded the second run's CI run id.
    const file = await storedFile(first.appDataDir, batch.batchId);
    // The last write the stopped app had under way lands first.
    const read = async () => JSON.parse(await readFile(file, 'utf8')) as StoredRemoteBatch;
    const stored = await until(read, (s) => s.runs.find((r) => r.runId === dispatched.runId)!.ciRunId !== null, 'the CI run id stored');
    const second = stored.runs.find((r) => r.runId === dispatched.runId)!;
    const ciRunId = second.ciRunId;
    Object.assign(second, { ciRunId: null, url: null, message: `Dispatching on origin` });
    await writeFile(file, JSON.stringify(stored));
    const shares = stored.runs.filter((r) => r.budgetUsd !== null).map((r) => r.budgetUsd!);

    const again = await openApp({}, first.appDataDir);
    hold.release();
    const ends = await Promise.all(runs.map((r) => whenEnded(again.seen, r.runId)));
    expect(ends.map((r) => [r.moduleId, r.state, r.outcome]), ends.map((r) => r.message).join('\n')).toEqual([
      ['fleet-hub', 'done', 'no-change'],
      ['drivers-hub', 'done', 'no-change'],
      ['maintenance-hub', 'done', 'no-change'],
    ]);
    // Each dispatched once; the second followed under the CI run id it had.
    for (const run of ends) expect(runsOf(run.dispatchId)).toHaveLength(1);
    expect(ends[1]!.ciRunId).toBe(ciRunId);
    expect(again.seen.some((r) => r.runId === running.runId && r.state === 'running')).toBe(true);
    // The shares held before the stop were kept (not shared out again); the third's came out of what was left once
    // a run ended (the concurrency cap), so the budget holds: at most what the two others did not spend (ended before
    // the third was dispatched) or hold (still out then). Under load both may have ended first.
    expect(ends.slice(0, 2).map((r) => r.budgetUsd)).toEqual(shares);
    const thirdOut = Date.parse(ends[2]!.dispatchedAt!);
    const taken = ends.slice(0, 2).reduce((sum, r) => sum + (Date.parse(r.finishedAt!) <= thirdOut ? r.costUsd : r.budgetUsd!), 0);
    expect(ends.slice(0, 2).some((r) => Date.parse(r.finishedAt!) <= thirdOut)).toBe(true);
    expect(ends[2]!.budgetUsd!).toBeLessThanOrEqual(5 - taken + 1e-9);
    const finished = (await again.app.handlers.listRemoteBatches({})).find((b) => b.batchId === batch.batchId)!;
    expect(finished).toMatchObject({ state: 'finished', counts: { done: 3 } });
    expect(finished.spentUsd).toBeLessThanOrEqual(5);
  }, 120_000);

  it('waits out a rate limit on the dispatch, keeps the run dispatched (saying until when), and after a restart dispatches it once when GitHub has no run of it', async () => {
    actions.throttles.push({ match: /^POST .*\/dispatches$/, times: 1, kind: 'primary', seconds: 600 });
    const first = await openApp({ listingLagMs: 200 });
    const { runs } = await first.app.handlers.startRemoteBatch({ ...request, kind: 'check', modules: ['fleet-hub'] });
    const run = runs[0]!;
    const waiting = await until(async () => first.seen.filter((r) => r.runId === run.runId).at(-1)!, (r) => r.message?.startsWith(WAIT) ?? false, 'the wait shown');
    expect(waiting).toMatchObject({ state: 'dispatched', ciRunId: null, error: null });
    expect(waiting.message).toMatch(/waits until \d\d:\d\d:\d\d UTC, then looks again/);
    expect(runsOf(run.dispatchId)).toHaveLength(0);
    // Nothing more is asked while the limit holds.
    const asked = actions.requests.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(actions.requests.length).toBe(asked);
    await first.app.dispose();
    const again = await openApp({ listingLagMs: 200 }, first.appDataDir);
    const done = await whenEnded(again.seen, run.runId);
    expect(done).toMatchObject({ state: 'done', outcome: 'check-failed' });
    expect(runsOf(run.dispatchId)).toHaveLength(1);
    expect(again.seen.some((r) => r.runId === run.runId && /no CI run of it was found/.test(r.message ?? ''))).toBe(true);
  }, 120_000);

  it('meets secondary (429 with Retry-After) and hourly (403, remaining 0, reset) rate limits while following and finishing: waits, shows it, and ends every run as it would have', async () => {
    const { app, seen } = await openApp();
    provider.reset();
    const hold = holdDispatches();
    const { runs } = await app.handlers.startRemoteBatch({ ...request, kind: 'check', modules: ['fleet-hub', 'drivers-hub'] });
    await until(async () => app.handlers.listRemoteRuns({ batchId: runs[0]!.batchId }), (rs) => rs.every((r) => r.ciRunId !== null), 'both dispatched');
    actions.throttles.push({ match: LISTING, times: 1, kind: 'secondary-429', seconds: 1 });
    await until(async () => actions.throttled.length, (n) => n > 0, 'a refused listing');
    hold.release();
    // Finishing: the artifact listing meets the hourly limit once.
    actions.throttles.push({ match: /\/artifacts$/, times: 1, kind: 'primary', seconds: 1 });
    const ends = await Promise.all(runs.map((r) => whenEnded(seen, r.runId)));
    expect(ends.map((r) => [r.state, r.outcome, r.error])).toEqual([
      ['done', 'check-failed', null],
      ['done', 'check-failed', null],
    ]);
    expect(actions.throttled.filter((r) => LISTING.test(r))).toHaveLength(1);
    expect(actions.throttled.filter((r) => r.endsWith('/artifacts'))).toHaveLength(1);
    for (const run of runs) expect(seen.filter((r) => r.runId === run.runId && r.message?.startsWith(WAIT)).length).toBeGreaterThan(0);
    for (const run of ends) expect(runsOf(run.dispatchId)).toHaveLength(1);
  }, 120_000);

  it('takes the run id from a dispatch answered 200 with workflow_run_id (no listing to find it), and finds it by its run name after a 204', async () => {
    for (const details of [true, false]) {
      actions.runDetails = details;
      // Polling slowly: between the dispatch and the run's id being known, only the dispatch asks GitHub anything.
      const { app } = await openApp({ pollMs: 60_000 });
      let known = -1;
      let ciRunId: string | null = null;
      app.onEvent((event, payload) => {
        if (event === 'remoteRunChanged' && (payload as RemoteRun).ciRunId && known < 0) [known, ciRunId] = [actions.requests.length, (payload as RemoteRun).ciRunId];
      });
      const from = actions.requests.length;
      const { runs } = await app.handlers.startRemoteBatch({ ...request, kind: 'check', modules: ['fleet-hub'] });
      await until(async () => known, (n) => n >= 0, 'the run id known');
      expect(ciRunId).toBe(String(runsOf(runs[0]!.dispatchId)[0]!.id));
      expect(runsOf(runs[0]!.dispatchId)).toHaveLength(1);
      const posted = actions.requests.findIndex((r, i) => i >= from && /^POST .*\/dispatches$/.test(r));
      const between = actions.requests.slice(posted + 1, known).filter((r) => LISTING.test(r));
      expect(between.length > 0, `listings after the dispatch: ${between.length}`).toBe(!details);
      await app.handlers.cancelRemoteBatch({ batchId: runs[0]!.batchId });
      await runner.idle();
    }
    actions.runDetails = false;
  }, 120_000);

  it('asks GitHub at the pace set in "Check remote runs every N seconds" (remotePollSeconds), which the boundary keeps within 2..300', async () => {
    const { app } = await openApp({ pollMs: undefined });
    const settings = await app.handlers.getImplementSettings({});
    expect(settings.remotePollSeconds).toBeUndefined();
    for (const bad of [1, 301, 2.5]) expect(ImplementSettingsSchema.safeParse({ ...settings, remotePollSeconds: bad }).success).toBe(false);
    await app.handlers.saveImplementSettings({ ...settings, remotePollSeconds: 2 });
    const hold = holdDispatches();
    const { runs } = await app.handlers.startRemoteBatch({ ...request, kind: 'check', modules: ['fleet-hub'] });
    await until(async () => app.handlers.getRemoteRun({ runId: runs[0]!.runId }), (r) => r.ciRunId !== null, 'the run dispatched');
    // The times at which the loop lists the workflow's runs, while the run waits for a runner.
    const times: number[] = [];
    let listed = actions.requests.filter((r) => LISTING.test(r)).length;
    const end = Date.now() + 7_000;
    while (Date.now() < end) {
      const now = actions.requests.filter((r) => LISTING.test(r)).length;
      if (now > listed) times.push(Date.now());
      listed = now;
      await new Promise((r) => setTimeout(r, 25));
    }
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps.length, JSON.stringify(gaps)).toBeGreaterThanOrEqual(2);
    for (const gap of gaps) expect(gap, JSON.stringify(gaps)).toBeGreaterThan(1_800);
    for (const gap of gaps) expect(gap, JSON.stringify(gaps)).toBeLessThan(3_000);
    await app.handlers.cancelRemoteBatch({ batchId: runs[0]!.batchId });
    hold.release();
    await runner.idle();
  }, 60_000);
});
