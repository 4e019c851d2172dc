// The rules of `fleet-control implement` that need no process: when --commit commits a run, which runs count as
// failures for the exit code, how flags become a request, and how transcript entries read as lines.

import { describe, expect, it } from 'vitest';
import { commitRefusal, runSucceeded } from '../../../src/main/cli-implement';
import { parseImplementValues } from '../../../src/main/cli-implement-flags';
import { entryLine, shortArgs } from '../../../src/main/cli-implement-lines';
import type { ImplementRun, RunCheckOutcome } from '../../../src/shared/types-implement';

const check = (state: RunCheckOutcome['state']): RunCheckOutcome => ({ state, round: 1, exitCode: state === 'passed' ? 0 : 1, durationMs: 10 });

function run(overrides: Partial<ImplementRun>): ImplementRun {
  return {
    runId: 'r1', batchId: 'b1', moduleId: 'fleet-hub', engine: 'builtin', provider: 'openai', model: 'm', state: 'review', stop: 'finished',
    instruction: null, startTip: 'a'.repeat(40), queuedAt: '', startedAt: '', finishedAt: '', turns: 3, toolCalls: 4, tokensIn: 10, tokensOut: 5,
    costUsd: 0.01, changedFiles: 1, check: check('passed'), repairRounds: 0, workingCopy: true, commit: null, summary: null, error: null,
    ...overrides,
  };
}

const usage = (message: string) => new Error(message);

describe('fleet-control implement: commit and exit-code rules', () => {
  it('commits with --commit only a run in review that changed files and whose check passed, unless --commit-failing', () => {
    expect(commitRefusal(run({}), false)).toBeNull();
    expect(commitRefusal(run({ check: check('failed') }), false)).toBe('its check failed (--commit-failing commits it anyway)');
    expect(commitRefusal(run({ check: check('timed-out') }), true)).toBeNull();
    // No check command: nothing shows the change works, so it is not committed without --commit-failing.
    expect(commitRefusal(run({ check: check('not-configured') }), false)).toMatch(/^no check command is set/);
    expect(commitRefusal(run({ check: null }), true)).toBeNull();
    expect(commitRefusal(run({ changedFiles: 0 }), true)).toBe('it changed no file');
    expect(commitRefusal(run({ state: 'failed' }), true)).toBe('it is failed');
  });

  it('counts a run as a success only when committed, or in review with changes and no failing check (without --commit)', () => {
    expect(runSucceeded(run({ state: 'committed' }), true)).toBe(true);
    expect(runSucceeded(run({}), false)).toBe(true);
    expect(runSucceeded(run({ check: check('not-configured') }), false)).toBe(true);
    expect(runSucceeded(run({}), true)).toBe(false); // --commit asked and not committed
    expect(runSucceeded(run({ check: check('failed') }), false)).toBe(false);
    expect(runSucceeded(run({ stop: 'budget', changedFiles: 0 }), false)).toBe(false);
    expect(runSucceeded(run({ stop: 'budget', changedFiles: 2 }), false)).toBe(true);
    for (const state of ['failed', 'cancelled', 'discarded', 'running'] as const) expect(runSucceeded(run({ state }), false)).toBe(false);
  });
});

describe('fleet-control implement: flags', () => {
  it('turns the flags into the contract\'s request', () => {
    const parsed = parseImplementValues(
      { modules: ['fleet-hub,drivers-hub'], provider: 'xai', model: 'grok-4', 'base-url': 'http://127.0.0.1:9/v1', budget: '2.5', 'max-turns': '30', 'max-minutes': '20', concurrency: '3', instruction: 'Keep it small.', yes: true, commit: true, 'commit-failing': true },
      usage,
    );
    expect(parsed.request).toEqual({ modules: ['fleet-hub', 'drivers-hub'], provider: 'xai', model: 'grok-4', baseUrl: 'http://127.0.0.1:9/v1', budgetUsd: 2.5, maxTurns: 30, maxMinutes: 20, concurrency: 3, instruction: 'Keep it small.' });
    expect(parsed).toMatchObject({ yes: true, commit: true, commitFailing: true, trustCommands: false });
    expect(parseImplementValues({ approved: true }, usage).request).toEqual({ modules: 'approved' });
  });

  it('names the flag of a bad value', () => {
    expect(() => parseImplementValues({ modules: ['a'], concurrency: '17' }, usage)).toThrow('--concurrency must be a whole number from 1 to 16, got "17"');
    expect(() => parseImplementValues({ modules: ['a'], 'max-minutes': '0' }, usage)).toThrow('--max-minutes must be a whole number from 1 to 1440, got "0"');
    expect(() => parseImplementValues({ modules: ['a'], instruction: 'x'.repeat(20_001) }, usage)).toThrow('--instruction is longer than 20,000 characters');
    expect(() => parseImplementValues({ modules: ['a'], model: '' }, usage)).toThrow('--model must not be empty');
    expect(() => parseImplementValues({ modules: ['ok', 'Not_A_Slug'] }, usage)).toThrow('--modules ("Not_A_Slug") must be a lowercase slug');
  });
});

describe('fleet-control implement: transcript lines', () => {
  it('shows each tool call with short arguments and its outcome, each turn with its tokens and cost', () => {
    const tool = (name: string, args: unknown, ok = true, result = 'fine') => entryLine('fleet-hub', { seq: 1, at: '', type: 'tool', turn: 2, callId: 'c', tool: name, args, ok, result, truncated: false, durationMs: 3 });
    expect(tool('read_file', { path: 'src/a.ts', offset: 10, limit: 20 })).toBe('[fleet-hub]   read_file(src/a.ts 10+20) ok');
    expect(tool('write_file', { path: 'b.ts', content: 'abcd' })).toBe('[fleet-hub]   write_file(b.ts, 4 chars) ok');
    expect(tool('edit_file', { path: 'b.ts', old_text: 'x', new_text: 'y' }, false, 'old_text occurs 3 times in b.ts\nmore')).toBe('[fleet-hub]   edit_file(b.ts) error: old_text occurs 3 times in b.ts more');
    expect(tool('rename_file', { from: 'a', to: 'b' })).toBe('[fleet-hub]   rename_file(a -> b) ok');
    expect(tool('search', { pattern: 'TODO', glob: 'src/**' })).toBe('[fleet-hub]   search("TODO", "src/**") ok');
    expect(tool('frobnicate', '{not json')).toBe('[fleet-hub]   frobnicate({not json) ok');
    expect(shortArgs('run_command', { command: 'npm test -- --watch=false' })).toBe('npm test -- --watch=false');
    expect(entryLine('fleet-hub', { seq: 2, at: '', type: 'model', turn: 1, text: 'Reading\nthe page.', tokensIn: 1200, tokensOut: 40, costUsd: 0.0012 })).toBe('[fleet-hub] turn 1: Reading the page.  [1200 in, 40 out, $0.0012]');
    expect(entryLine('fleet-hub', { seq: 3, at: '', type: 'check', round: 2, state: 'failed', exitCode: 1, output: '', durationMs: 1500 })).toBe('[fleet-hub] check round 2: failed (exit 1), 1.5 s');
    expect(entryLine('fleet-hub', { seq: 4, at: '', type: 'instruction', text: 'go', followUp: false })).toBeNull();
  });
});
