// The bad input every CLI engine must end cleanly on, as one shared set of tests: an early non-zero exit (the
// transcript kept, the engine and code named), a hang then cancel, and a question waiting on stdin; each time
// nothing it started is left running.

import { expect, it } from 'vitest';
import type { EngineAdapter } from '../../../../../src/main/core/implement/engines/types';
import { processesNaming, runStandIn, type Script } from './stand-in';

/** Adds the three bad-input tests for `engine`, its stand-in `program` first replaying `firstLines` (which hold model text). */
export function badInputTests(engine: EngineAdapter, program: string, firstLines: Script['lines']): void {
  it(`ends with an error naming ${engine.title} and its exit code when it exits early, the transcript kept`, async () => {
    const { s, promise } = runStandIn(engine, program, { lines: firstLines, exitCode: 3 });
    const result = await promise;
    expect(result.stop).toBe('error');
    expect(result.message).toContain(`${engine.title} exited with code 3`);
    expect(result.transcript.some((e) => e.type === 'model')).toBe(true);
    expect(processesNaming(s.bin)).toEqual([]);
  });

  it(`hangs, then cancel ends ${engine.title} and everything it started`, async () => {
    const controller = new AbortController();
    // Cancelled once it has printed its lines and hangs (some engines emit nothing until more output comes).
    const timer = setTimeout(() => controller.abort(), 1500);
    const { s, promise } = runStandIn(engine, program, { lines: firstLines, hang: true }, { signal: controller.signal, questionMs: 5000 });
    const result = await promise;
    clearTimeout(timer);
    expect(result.stop).toBe('cancelled');
    expect(result.message).toContain(`${engine.title} was cancelled`);
    expect(processesNaming(s.bin)).toEqual([]);
  });

  it(`ends ${engine.title} when it asks a question and waits on stdin, saying so`, async () => {
    const { s, promise } = runStandIn(engine, program, { lines: [...firstLines, 'Allow this command to run? (y/n)'], hang: true });
    const result = await promise;
    expect(result.stop).toBe('error');
    expect(result.message).toContain(`${engine.title} asked an interactive question`);
    expect(result.message).toContain('Allow this command to run? (y/n)');
    expect(processesNaming(s.bin)).toEqual([]);
  });
}
