// Ending what a command started, as real processes: a sleeper started with setsid (a new session, outside the
// command's process group) is gone once the launch resolves, sandboxed or not, when the command exits by itself,
// is cancelled or runs out of time; a process that ignores SIGTERM gets SIGKILL after the grace period.

import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs } from '../../../helpers/git';
import { cleanupOutsideTmp, fixture, launch, processesWithMarker, uniqueSleep } from './launch-fixture';

afterAll(() => {
  cleanupTempDirs();
  cleanupOutsideTmp();
});

describe.each(['auto', 'off'] as const)('processes a command leaves behind (sandbox %s)', (sandbox) => {
  it('ends a setsid sleeper when the command exits by itself', async () => {
    const f = fixture({ sandbox });
    const sleep = uniqueSleep();
    const { output, exitCode } = await launch(f, `setsid sleep ${sleep} > /dev/null 2>&1 & echo started`);
    expect(exitCode).toBe(0);
    expect(output).toBe('started\n');
    expect(processesWithMarker(sleep)).toEqual([]);
  });

  it('ends the command and its setsid sleeper when cancelled', async () => {
    const f = fixture({ sandbox });
    const sleep = uniqueSleep();
    const controller = new AbortController();
    const running = launch(f, `setsid sleep ${sleep} > /dev/null 2>&1 & echo started; sleep 30`, {
      signal: controller.signal,
      onOutput: () => controller.abort(),
    });
    const outcome = await running;
    expect(outcome.ended).toBe('cancelled');
    expect(outcome.durationMs).toBeLessThan(10_000);
    expect(processesWithMarker(sleep)).toEqual([]);
  });

  it('sends SIGKILL after the grace period to a command that ignores SIGTERM at its time limit', async () => {
    const f = fixture({ sandbox });
    const sleep = uniqueSleep();
    const { ended, durationMs } = await launch(f, `trap "" TERM; setsid sh -c 'trap "" TERM; exec sleep ${sleep}' > /dev/null 2>&1 & sleep ${sleep}`, { timeoutMs: 300, killGraceMs: 300 });
    expect(ended).toBe('timed-out');
    expect(durationMs).toBeGreaterThanOrEqual(600);
    expect(processesWithMarker(sleep)).toEqual([]);
  });
});
