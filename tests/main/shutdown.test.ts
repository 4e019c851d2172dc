import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { exitOnSignals } from '../../src/main/shutdown';

/** A process stand-in that only carries signals, and records how the process would have exited. */
function signals() {
  const target = new EventEmitter();
  const exits: number[] = [];
  const logged: string[] = [];
  return { target: target as unknown as Pick<NodeJS.Process, 'on' | 'off'>, emit: (signal: NodeJS.Signals) => target.emit(signal, signal), exits, logged };
}

describe('exitOnSignals', () => {
  it('stops the work, then exits 0, on SIGTERM', async () => {
    const s = signals();
    let stopped = false;
    exitOnSignals({ target: s.target, stop: async () => void (stopped = true), exit: (code) => s.exits.push(code), log: (m) => s.logged.push(m) });
    s.emit('SIGTERM');
    await expect.poll(() => s.exits).toEqual([0]);
    expect(stopped).toBe(true);
  });

  it('exits after the grace period when stopping never finishes, saying so', async () => {
    const s = signals();
    exitOnSignals({ target: s.target, stop: () => new Promise(() => undefined), exit: (code) => s.exits.push(code), log: (m) => s.logged.push(m), graceMs: 100 });
    s.emit('SIGINT');
    await expect.poll(() => s.exits).toEqual([0]);
    expect(s.logged).toEqual(['still stopping after 0.1 s; exiting without waiting any longer']);
  });

  it('exits at once on a second signal while stopping', () => {
    const s = signals();
    exitOnSignals({ target: s.target, stop: () => new Promise(() => undefined), exit: (code) => s.exits.push(code), log: () => undefined, graceMs: 60_000 });
    s.emit('SIGTERM');
    s.emit('SIGINT');
    expect(s.exits).toEqual([130]);
  });

  it('exits even when stopping fails, logging why', async () => {
    const s = signals();
    exitOnSignals({ target: s.target, stop: async () => Promise.reject(new Error('socket stuck')), exit: (code) => s.exits.push(code), log: (m) => s.logged.push(m) });
    s.emit('SIGTERM');
    await expect.poll(() => s.exits).toEqual([0]);
    expect(s.logged).toEqual(['could not stop cleanly']);
  });
});
