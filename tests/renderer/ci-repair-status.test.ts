import { describe, expect, it } from 'vitest';
import type { CiRepairState } from '../../src/shared/types-ci-repair';
import type { ImplementRun } from '../../src/shared/types-implement';
import { repairStatus } from '../../src/renderer/src/lib/ciRepairStatus';

const TIP = 'a'.repeat(40);

function run(runId: string, state: ImplementRun['state'], queuedAt: string, repair = true): ImplementRun {
  return {
    runId, batchId: 'b1', moduleId: 'fleet-hub', engine: 'builtin', provider: 'p', model: 'm', state, stop: null, instruction: null, startTip: null,
    queuedAt, startedAt: null, finishedAt: null, turns: 0, toolCalls: 0, tokensIn: 0, tokensOut: 0, costUsd: 0,
    changedFiles: 0, check: null, repairRounds: 0, workingCopy: true, commit: null, summary: null, error: null,
    ...(repair ? { ciRepair: { remote: 'origin', host: 'github' as const, tip: TIP, checks: ['test'], url: null, auto: false } } : {}),
  };
}

const state = (status: CiRepairState['status'], runId: string | null): CiRepairState => ({ moduleId: 'fleet-hub', branch: 'module/fleet-hub', status, runId, repairs: [], autoSinceGreen: 0, notice: null });
const runs = (...list: ImplementRun[]) => Object.fromEntries(list.map((r) => [r.runId, r]));

describe('the CI repair chip', () => {
  it('says what main said until this window knows the repair run', () => {
    expect(repairStatus(state('repairing', 'r1'), {}, 'fleet-hub')).toBe('repairing');
    expect(repairStatus(undefined, {}, 'fleet-hub')).toBeNull();
  });

  it('follows the repair run this window sees: working, in review, then accepted or discarded (no chip)', () => {
    const said = state('repairing', 'r1');
    expect(repairStatus(said, runs(run('r1', 'running', '2026-12-03T10:00:00Z')), 'fleet-hub')).toBe('repairing');
    expect(repairStatus(said, runs(run('r1', 'review', '2026-12-03T10:00:00Z')), 'fleet-hub')).toBe('review');
    expect(repairStatus(said, runs(run('r1', 'committed', '2026-12-03T10:00:00Z')), 'fleet-hub')).toBeNull();
    expect(repairStatus(said, runs(run('r1', 'discarded', '2026-12-03T10:00:00Z')), 'fleet-hub')).toBeNull();
  });

  it('takes the newest repair run of the module and ignores ordinary implementation runs', () => {
    const list = runs(run('r1', 'discarded', '2026-12-03T10:00:00Z'), run('r2', 'preparing', '2026-12-03T11:00:00Z'), run('x', 'review', '2026-12-03T12:00:00Z', false));
    expect(repairStatus(state(null, 'r1'), list, 'fleet-hub')).toBe('repairing');
    expect(repairStatus(undefined, runs(run('x', 'review', '2026-12-03T12:00:00Z', false)), 'fleet-hub')).toBeNull();
  });
});
