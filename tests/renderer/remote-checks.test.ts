import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RemoteRun } from '../../src/shared/types-remote';
import type { RunnerSetupState } from '../../src/shared/types-runner-setup';
import { checkableModules, checkVerdictCounts, latestRemoteCheck, remoteCheckRequest, remoteCheckStale, remoteCheckVerdict } from '../../src/renderer/src/components/checks/remoteCheckView';
import { offerFor } from '../../src/renderer/src/components/remote/remoteTargets';

const TIP = 'a'.repeat(40);

function run(over: Partial<RemoteRun> & { runId: string }): RemoteRun {
  return {
    batchId: 'b1', moduleId: 'fleet-hub', kind: 'check', target: 'github', remote: 'origin', state: 'queued', message: null, attempt: 1,
    dispatchId: over.runId, tip: TIP, budgetUsd: null, ciRunId: null, url: null, jobs: [], costUsd: 0, costKnown: true, outcome: null,
    reviewBranch: null, reviewCommit: null, review: null, acceptedCommit: null, check: null, summary: null, error: null,
    queuedAt: '2026-12-03T10:00:00Z', dispatchedAt: null, startedAt: null, finishedAt: null, ...over,
  };
}

const en = JSON.parse(readFileSync(join(__dirname, '../../src/renderer/src/locales/en.json'), 'utf8')) as { checks: { state: Record<string, string> }; remote: { where: Record<string, string> } };

describe('starting checks on a CI runner', () => {
  it('asks main for one remote batch of checks on the chosen target and remote', () => {
    expect(remoteCheckRequest(['fleet-hub', 'drivers-hub'], { target: 'github', remote: 'upstream' })).toEqual({ modules: ['fleet-hub', 'drivers-hub'], kind: 'check', target: 'github', remote: 'upstream' });
  });

  it('sends "all modules" as every module that has a branch to check out', () => {
    expect(checkableModules([{ id: 'fleet-hub', branchExists: true }, { id: 'new-one', branchExists: false }, { id: 'drivers-hub', branchExists: true }])).toEqual(['fleet-hub', 'drivers-hub']);
  });

  it('offers the checks the same CI targets as the Implement dialog: GitHub Actions only once its set-up is on the base branch', () => {
    const base: RunnerSetupState = {
      host: 'github', repository: 'acme/fleet', baseBranch: 'main', source: 'github-api', workflow: 'missing', pipeline: 'missing', bundle: 'missing', appBundle: true,
      pull: null, ready: false, phase: 'not-set-up', canPropose: true, secretNames: [], secretsUrl: null, error: null, checkedAt: '2026-12-03T12:00:00Z', remote: 'origin',
    };
    expect(offerFor([base], 'github')).toEqual({ kind: 'blocked', state: base });
    const merged = { ...base, workflow: 'current' as const, bundle: 'current' as const, ready: true, phase: 'ready' as const };
    expect(offerFor([merged], 'github')).toEqual({ kind: 'ready', remotes: [merged] });
    expect(offerFor([merged], 'azure')).toEqual({ kind: 'no-remote' });
  });

  it('words the choice for checks in every language file entry it uses', () => {
    for (const key of ['legendCheck', 'hereHintCheck', 'remoteHintCheck']) expect(en.remote.where[key]).toBeTruthy();
  });
});

describe('a module\'s check on a CI runner, on its Checks tab', () => {
  it('shows the newest remote check of the module, not its implementation runs or other modules\' checks', () => {
    const runs = Object.fromEntries(
      [
        run({ runId: 'old', queuedAt: '2026-12-03T09:00:00Z', state: 'done' }),
        run({ runId: 'new', queuedAt: '2026-12-03T11:00:00Z' }),
        run({ runId: 'impl', kind: 'implement', queuedAt: '2026-12-03T12:00:00Z' }),
        run({ runId: 'other', moduleId: 'drivers-hub', queuedAt: '2026-12-03T12:00:00Z' }),
      ].map((r) => [r.runId, r]),
    );
    expect(latestRemoteCheck(runs, 'fleet-hub')?.runId).toBe('new');
    expect(latestRemoteCheck(runs, 'maintenance-hub')).toBeNull();
  });

  it('says passed or failed from the record the runner returned, in the local checks\' words', () => {
    expect(remoteCheckVerdict(run({ runId: 'r', state: 'done', outcome: 'passed', check: { state: 'passed', exitCode: 0, durationMs: 1200 } }))).toBe('passed');
    expect(remoteCheckVerdict(run({ runId: 'r', state: 'done', outcome: 'check-failed', check: { state: 'failed', exitCode: 1, durationMs: 900 } }))).toBe('failed');
    expect(remoteCheckVerdict(run({ runId: 'r', state: 'done', outcome: 'check-failed', check: { state: 'timed-out', exitCode: null, durationMs: 60_000 } }))).toBe('timed-out');
    // A record without its check part: the outcome decides.
    expect(remoteCheckVerdict(run({ runId: 'r', state: 'done', outcome: 'check-failed', check: null }))).toBe('failed');
    expect(remoteCheckVerdict(run({ runId: 'r', state: 'done', outcome: 'failed', check: { state: 'nonsense', exitCode: null, durationMs: null } }))).toBe('error');
  });

  it('says queued or running while the CI run is out, and why there is no result once it stopped without one', () => {
    const verdicts = (['queued', 'dispatched', 'running', 'failed', 'cancelled', 'timed-out', 'skipped'] as const).map((state) => remoteCheckVerdict(run({ runId: 'r', state })));
    expect(verdicts).toEqual(['queued', 'queued', 'running', 'error', 'cancelled', 'timed-out', 'cancelled']);
    for (const verdict of new Set(verdicts)) expect(en.checks.state[verdict]).toBeTruthy();
  });

  it('marks a finished remote check stale once the module branch moved past the commit it ran on', () => {
    const done = run({ runId: 'r', state: 'done' });
    expect(remoteCheckStale(done, TIP)).toBe(false);
    expect(remoteCheckStale(done, 'b'.repeat(40))).toBe(true);
    expect(remoteCheckStale(run({ runId: 'r', state: 'running' }), 'b'.repeat(40))).toBe(false);
    expect(remoteCheckStale(done, null)).toBe(false);
  });

  it('sums a check batch up as checks passed and not passing, counting only the runs that came back', () => {
    const runs = [
      run({ runId: 'a', state: 'done', outcome: 'passed', check: { state: 'passed', exitCode: 0, durationMs: 10 } }),
      run({ runId: 'b', state: 'done', outcome: 'check-failed', check: { state: 'failed', exitCode: 2, durationMs: 10 } }),
      run({ runId: 'c', state: 'done', outcome: 'failed' }),
      run({ runId: 'd', state: 'cancelled' }),
      run({ runId: 'e', state: 'running' }),
    ];
    expect(checkVerdictCounts(runs)).toEqual({ passed: 1, failed: 2 });
  });
});
