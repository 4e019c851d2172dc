// What the checks screens derive for checks run on CI runners: the request that dispatches them, a module's latest
// remote check, its verdict in the local checks' own words (passed, failed, timed out, ...) and whether it is stale.

import type { CheckState } from '../../../../shared/types-checks';
import type { ModuleCard } from '../../../../shared/types';
import type { RemoteBatchRequest, RemoteRun } from '../../../../shared/types-remote';
import type { RunWhere } from '../remote/remoteTargets';

/** A remote check's state as the checks UI names it: the local states, queued and running while it is out. */
export type RemoteCheckVerdict = CheckState | 'queued' | 'running';

const CHECK_STATES: ReadonlySet<string> = new Set<CheckState>(['passed', 'failed', 'timed-out', 'cancelled', 'error']);

/** The startRemoteBatch request for checks of these modules on the chosen CI target. */
export function remoteCheckRequest(modules: string[], where: Exclude<RunWhere, { target: 'here' }>): RemoteBatchRequest {
  return { modules, kind: 'check', target: where.target, remote: where.remote };
}

/** "Run checks on all modules" on a CI runner: every module that has a branch (there is nothing to check out otherwise). */
export function checkableModules(modules: readonly Pick<ModuleCard, 'id' | 'branchExists'>[]): string[] {
  return modules.filter((m) => m.branchExists).map((m) => m.id);
}

/** The module's newest remote check run (by the time it was queued), or null. */
export function latestRemoteCheck(runs: Record<string, RemoteRun>, moduleId: string): RemoteRun | null {
  let latest: RemoteRun | null = null;
  for (const run of Object.values(runs)) {
    if (run.kind !== 'check' || run.moduleId !== moduleId) continue;
    if (!latest || run.queuedAt > latest.queuedAt) latest = run;
  }
  return latest;
}

/** The verdict of a remote check: the record's check state once done, else what the CI run's state means for it. */
export function remoteCheckVerdict(run: Pick<RemoteRun, 'state' | 'outcome' | 'check'>): RemoteCheckVerdict {
  switch (run.state) {
    case 'queued':
    case 'dispatched':
      return 'queued';
    case 'running':
      return 'running';
    case 'timed-out':
      return 'timed-out';
    // Cancelled, or never dispatched because the batch was cancelled first.
    case 'cancelled':
    case 'skipped':
      return 'cancelled';
    // The CI run failed before the check could report (no record, a runner that could not start).
    case 'failed':
      return 'error';
    case 'done': {
      const recorded = run.check?.state;
      if (recorded && CHECK_STATES.has(recorded)) return recorded as CheckState;
      return run.outcome === 'passed' ? 'passed' : run.outcome === 'check-failed' ? 'failed' : 'error';
    }
  }
}

/** Whether the module branch moved on since the commit the remote check ran on (a result for an older commit). */
export function remoteCheckStale(run: Pick<RemoteRun, 'state' | 'tip'>, currentTip: string | null | undefined): boolean {
  return run.state === 'done' && !!currentTip && currentTip !== run.tip;
}

/** A check batch's verdicts for its summary: checks passed, and those done that did not pass. */
export function checkVerdictCounts(runs: readonly RemoteRun[]): { passed: number; failed: number } {
  let passed = 0;
  let failed = 0;
  for (const run of runs) {
    if (run.kind !== 'check' || run.state !== 'done') continue;
    if (remoteCheckVerdict(run) === 'passed') passed++;
    else failed++;
  }
  return { passed, failed };
}
