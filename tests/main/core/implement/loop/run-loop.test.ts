// The built-in agent loop with the real client (the SDKs, pointed at loopback servers speaking OpenAI's and
// Anthropic's wire protocols with scripted tool-calling sessions) and the real tools over a working copy written
// from a git commit: whole sessions, every guard (budget, turns, wall time, changed files, repeated failures, no
// finish), repair rounds, provider failures, cancel and follow-up.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FleetError } from '../../../../../src/shared/errors';
import type { TranscriptEntry } from '../../../../../src/shared/types-implement';
import { runImplementLoop } from '../../../../../src/main/core/implement/loop/run-loop';
import type { DistributiveOmit, LoopGuards, LoopRequest, RunCheck } from '../../../../../src/main/core/implement/loop/types';
import { GitRepository } from '../../../../../src/main/core/git/repository';
import { WorkingCopies } from '../../../../../src/main/core/implement/working-copy/working-copies';
import { createToolExecutor } from '../../../../../src/main/core/implement/tools/tool-executor';
import { cleanupTempDirs, commitFiles, initRepo, makeTempDir } from '../../../../helpers/git';
import { call, startSession, type Harness, type ScriptStep, type Wire } from './loop-harness';

type Entry = DistributiveOmit<TranscriptEntry, 'seq' | 'at'>;

const BROKEN = 'export const sum = (a: number, b: number): number => a - b;\n';
const checkSum = (root: string): { passed: boolean; output: string } => {
  const text = readFileSync(join(root, 'src/sum.ts'), 'utf8');
  return text.includes('a + b') ? { passed: true, output: 'ok 1 - sum adds\n1 passing' } : { passed: false, output: 'not ok 1 - sum adds: expected 5, got -1\n1 failing' };
};

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});
afterAll(() => cleanupTempDirs());

interface Setup {
  harness: Harness;
  root: string;
  entries: Entry[];
  request: LoopRequest;
}

let repository: Promise<{ repo: GitRepository; commit: string; copies: WorkingCopies }> | null = null;
let copiesMade = 0;

/** One repository for the file (made with the git CLI); every run gets its own working copy of its commit. */
function sumRepository(): Promise<{ repo: GitRepository; commit: string; copies: WorkingCopies }> {
  repository ??= (async () => {
    const dir = initRepo();
    const commit = commitFiles(dir, { 'src/sum.ts': BROKEN, 'README.md': '# demo\n' }, 'base');
    return { repo: await GitRepository.open(dir), commit, copies: new WorkingCopies({ appDataDir: makeTempDir('fleet-loop-appdata-'), workspacePath: dir, limit: 100 }) };
  })();
  return repository;
}

async function setup(steps: ScriptStep[], overrides: Omit<Partial<LoopRequest>, 'guards'> & { guards?: Partial<LoopGuards> } = {}, wire: Wire = 'openai'): Promise<Setup> {
  const harness = await startSession(steps, wire);
  harnesses.push(harness);
  const { repo, commit, copies } = await sumRepository();
  const { dir: root } = await copies.create(`run-${++copiesMade}`, repo, commit);
  const entries: Entry[] = [];
  const runCheck: RunCheck = async () => {
    const outcome = checkSum(root);
    return { ...outcome, state: outcome.passed ? 'passed' : 'failed', exitCode: outcome.passed ? 0 : 1, durationMs: 5 };
  };
  const tools = createToolExecutor({ dir: root, repo, startTip: commit, runCheck: overrides.runCheck ?? runCheck });
  const { guards, ...rest } = overrides;
  const request: LoopRequest = {
    client: harness.client,
    model: 'test-model',
    system: 'You implement the module.',
    messages: [{ role: 'user', text: 'Make sum add its arguments.' }],
    tools,
    guards: { maxTurns: 20, maxMs: 30_000, maxChangedFiles: 10, repeatedFailureLimit: 3, repairRounds: 2, maxOutputTokensPerTurn: 1000, ...guards },
    pricing: { cost: (i, o) => (i * 1 + o * 5) / 1_000_000 },
    budget: () => null,
    runCheck,
    signal: new AbortController().signal,
    onEntry: (entry) => entries.push(entry),
    ...rest,
  };
  return { harness, root, entries, request };
}

const FIX = call('edit_file', { path: 'src/sum.ts', old_text: 'a - b', new_text: 'a + b' });
const FINISH = call('finish', { summary: 'sum now adds' });
const ofType = <T extends Entry['type']>(entries: Entry[], type: T): Array<Extract<Entry, { type: T }>> => entries.filter((e): e is Extract<Entry, { type: T }> => e.type === type);

describe('runImplementLoop', () => {
  it.each(['openai', 'anthropic'] as const)('runs a whole session over %s: reads, edits, sees the check fail, fixes, sees it pass and finishes with the check passed', async (wire) => {
    const { root, entries, request, harness } = await setup(
      [
      { text: 'Reading the file.', calls: [call('read_file', { path: 'src/sum.ts' })] },
      { calls: [call('edit_file', { path: 'src/sum.ts', old_text: 'a - b', new_text: 'b - a' })] },
      { calls: [call('run_check', {})] },
      (ctx) => ({ text: ctx.lastResults[0]!.includes('failing') ? 'The check fails; fixing.' : 'unexpected', calls: [call('edit_file', { path: 'src/sum.ts', old_text: 'b - a', new_text: 'a + b' })] }),
      { calls: [call('run_check', {})] },
      { reasoning: 'All good.', calls: [FINISH] },
      ],
      {},
      wire,
    );
    const result = await runImplementLoop(request);
    expect(result.stop).toBe('finished');
    expect(result.summary).toBe('sum now adds');
    expect(result.check).toMatchObject({ passed: true, round: 0 });
    expect(result.turns).toBe(6);
    expect(result.toolCalls).toBe(6);
    expect(readFileSync(join(root, 'src/sum.ts'), 'utf8')).toContain('a + b');
    expect(harness.requestCount()).toBe(6);
    expect(harness.server.requests.every((r) => r.path.endsWith(wire === 'anthropic' ? '/messages' : '/chat/completions'))).toBe(true);
    // The last request carries the whole conversation: the check's failure went back to the model.
    expect(harness.requestText(5)).toContain('expected 5, got -1');
    expect(result.tokensIn).toBe(6000);
    expect(result.costUsd).toBeCloseTo((6000 + 5 * 600) / 1_000_000, 10);
    const tools = ofType(entries, 'tool');
    expect(tools.map((t) => t.tool)).toEqual(['read_file', 'edit_file', 'run_check', 'edit_file', 'run_check', 'finish']);
    expect(tools[0]).toMatchObject({ turn: 1, args: { path: 'src/sum.ts' }, ok: true, result: expect.stringContaining('a - b') });
    expect(ofType(entries, 'model').map((m) => m.turn)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ofType(entries, 'model')[3]!.text).toBe('The check fails; fixing.');
    expect(ofType(entries, 'model')[5]!.reasoning).toBe('All good.');
    expect(ofType(entries, 'check')).toEqual([expect.objectContaining({ round: 0, state: 'passed', exitCode: 0 })]);
    // The conversation: instruction, then an assistant message and one tool-results message per turn.
    expect(result.messages).toHaveLength(1 + 6 * 2);
    expect(result.messages.at(-1)).toEqual({ role: 'tool', results: [{ callId: expect.any(String), content: expect.any(String), isError: false }] });
    expect(result.messages[6]).toMatchObject({ role: 'tool', results: [{ content: expect.stringMatching(/failed[\s\S]*expected 5, got -1/), isError: false }] });
  });

  it('stops before a model call whose worst case would cross the budget, making no further request and keeping the edits', async () => {
    let spent = 0;
    const worstCases: number[] = [];
    // Each turn really costs $0.003 (1,000 in at $2/M, 100 out at $10/M); the worst case of a call is its whole
    // conversation plus 1,500 output tokens (about $0.015 + the input). The cap lets two calls through: the third's
    // worst case on top of $0.006 spent crosses it.
    let cap = 0;
    const { root, request, harness, entries } = await setup([{ calls: [FIX] }, { calls: [call('read_file', { path: 'src/sum.ts' })] }, { calls: [FINISH] }], {
      pricing: { cost: (i, o) => (i * 2 + o * 10) / 1_000 / 1_000 },
      onUsage: (u) => (spent = u.costUsd),
      budget: (worst) => {
        if (worstCases.push(worst) === 1) cap = worst + 0.0045;
        return spent + worst > cap ? new FleetError('BUDGET_EXCEEDED', `The run's cap of $${cap.toFixed(4)} would be crossed.`) : null;
      },
      guards: { maxOutputTokensPerTurn: 1500 },
    });
    const result = await runImplementLoop(request);
    expect(result.stop).toBe('budget');
    expect(result.error?.code).toBe('BUDGET_EXCEEDED');
    expect(harness.requestCount()).toBe(2);
    expect(worstCases).toHaveLength(3);
    expect(worstCases[2]!).toBeGreaterThan(worstCases[0]!);
    // The worst case holds the full output allowance and more input than the system prompt and tool specs alone.
    const specsChars = JSON.stringify(request.tools.specs).length + request.system.length;
    expect(worstCases[0]!).toBeGreaterThan((Math.ceil(specsChars / 4) * 2 + 1500 * 10) / 1e6);
    expect(readFileSync(join(root, 'src/sum.ts'), 'utf8')).toContain('a + b');
    expect(ofType(entries, 'notice').at(-1)!.text).toMatch(/^Budget reached/);
  });

  it('stops at the turn limit with the work kept', async () => {
    const reads = Array.from({ length: 10 }, (_, i): ScriptStep => ({ calls: [call('read_file', { path: i % 2 ? 'README.md' : 'src/sum.ts' })] }));
    const { request, harness } = await setup([{ calls: [FIX] }, ...reads], { guards: { maxTurns: 4 } });
    const result = await runImplementLoop(request);
    expect(result.stop).toBe('max-turns');
    expect(result.turns).toBe(4);
    expect(harness.requestCount()).toBe(4);
  });

  it('stops at its wall time, also in the middle of a slow model turn', async () => {
    const { request } = await setup([{ calls: [FIX] }, { hang: 'thinking slowly…' }], { guards: { maxMs: 300 } });
    const started = Date.now();
    const result = await runImplementLoop(request);
    expect(result.stop).toBe('max-time');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.turns).toBe(2);
  });

  it('turns malformed arguments into a tool error the model sees, and the model recovers', async () => {
    const { request, entries } = await setup([
      { calls: [call('edit_file', '{"path": "src/sum.ts", "old_text": "a - b"')] },
      (ctx) => ({ text: ctx.lastResults[0]!, calls: [FIX] }),
      { calls: [FINISH] },
    ]);
    const result = await runImplementLoop(request);
    expect(result.stop).toBe('finished');
    const first = ofType(entries, 'tool')[0]!;
    expect(first).toMatchObject({ ok: false, args: '{"path": "src/sum.ts", "old_text": "a - b"' });
    expect(ofType(entries, 'model')[1]!.text).toMatch(/not valid JSON/);
    expect(result.messages[2]).toMatchObject({ role: 'tool', results: [{ isError: true }] });
  });

  it('answers an unknown tool with an error and goes on', async () => {
    const { request, entries } = await setup([{ calls: [call('launch_rockets', {})] }, { calls: [FIX] }, { calls: [FINISH] }]);
    const result = await runImplementLoop(request);
    expect(result.stop).toBe('finished');
    expect(ofType(entries, 'tool')[0]).toMatchObject({ tool: 'launch_rockets', ok: false, result: expect.stringMatching(/no tool named/) });
  });

  it('stops when the same failing call is repeated, but not when the model changed files between failing checks', async () => {
    const missing = call('edit_file', { path: 'src/sum.ts', old_text: 'a * b', new_text: 'a + b' });
    const { request } = await setup([{ calls: [missing] }, { calls: [call('read_file', { path: 'README.md' })] }, { calls: [missing] }, { calls: [missing] }, { calls: [FINISH] }]);
    const result = await runImplementLoop(request);
    expect(result.stop).toBe('repeated-failure');
    expect(result.turns).toBe(4);

    const wrong = (n: number) => call('edit_file', { path: 'src/sum.ts', old_text: n ? `a - b /*${n - 1}*/` : 'a - b', new_text: `a - b /*${n}*/` });
    const check = call('run_check', {});
    const again = await setup([{ calls: [wrong(0), check] }, { calls: [wrong(1), check] }, { calls: [wrong(2), check] }, { calls: [wrong(3), check] }, { calls: [FINISH] }], { guards: { repairRounds: 0 } });
    const patient = await runImplementLoop(again.request);
    expect(patient.stop).toBe('finished');
    expect(patient.check).toMatchObject({ passed: false });
  });

  it('nudges a model that stops calling tools once, then ends the run as no-finish', async () => {
    const { request, harness, entries } = await setup([{ calls: [FIX] }, { text: 'I think that is it.', calls: [] }, { text: 'Done, really.', calls: [] }]);
    const result = await runImplementLoop(request);
    expect(result.stop).toBe('no-finish');
    expect(harness.requestCount()).toBe(3);
    expect(harness.requestText(2)).toContain('call finish');
    expect(ofType(entries, 'notice').map((n) => n.text).join('\n')).toMatch(/two turns in a row/);
  });

  it('ends as provider-error when the provider fails mid-run (5xx after retries, or 401), keeping the work and the conversation', async () => {
    for (const status of [500, 401] as const) {
      const { request, root, harness } = await setup([{ calls: [FIX] }, { fail: status }]);
      const result = await runImplementLoop(request);
      expect(result.stop).toBe('provider-error');
      expect(result.error?.code).toBe(status === 401 ? 'AUTH_FAILED' : 'PROVIDER_ERROR');
      // 401 is not retried; a 500 is, up to the client's three attempts.
      expect(harness.requestCount()).toBe(status === 401 ? 2 : 4);
      expect(result.turns).toBe(1);
      expect(result.messages).toHaveLength(3);
      expect(readFileSync(join(root, 'src/sum.ts'), 'utf8')).toContain('a + b');
    }
  });

  it('is cancelled in the middle of a streamed turn, counting the streamed text and keeping the work', async () => {
    const controller = new AbortController();
    const { request, entries } = await setup([{ calls: [FIX] }, { hang: 'Let me look at the tests next' }], {
      signal: controller.signal,
      onModelText: (turn) => {
        if (turn === 2) setTimeout(() => controller.abort(), 20);
      },
    });
    const result = await runImplementLoop(request);
    expect(result.stop).toBe('cancelled');
    expect(result.error?.code).toBe('CANCELLED');
    expect(ofType(entries, 'model').at(-1)).toMatchObject({ turn: 2, text: 'Let me look at the tests next' });
    expect(result.messages).toHaveLength(3);
  });

  it('sends a failing check back for the repair rounds and ends with the last outcome once they are used up', async () => {
    const wrongFix = call('edit_file', { path: 'src/sum.ts', old_text: 'a - b', new_text: 'a * b' });
    const { request, entries, harness } = await setup([{ calls: [wrongFix] }, { calls: [FINISH] }, { calls: [FINISH] }, { calls: [FINISH] }], { guards: { repairRounds: 2 } });
    const result = await runImplementLoop(request);
    expect(result.stop).toBe('finished');
    expect(result.repairRounds).toBe(2);
    expect(result.check).toMatchObject({ passed: false, round: 2, exitCode: 1 });
    expect(ofType(entries, 'check').map((c) => [c.round, c.state])).toEqual([[0, 'failed'], [1, 'failed'], [2, 'failed']]);
    expect(harness.requestText(2)).toContain('expected 5, got -1');
    expect(harness.requestText(2)).toContain('Repair round 1 of 2');
  });

  it('continues a conversation in a follow-up: the next request carries the earlier messages and turns are numbered on', async () => {
    const first = await setup([{ calls: [FIX] }, { calls: [FINISH] }]);
    const done = await runImplementLoop(first.request);
    expect(done.stop).toBe('finished');
    const follow = await setup([{ calls: [FIX] }, { calls: [FINISH] }, { calls: [call('read_file', { path: 'README.md' })] }, { calls: [call('finish', { summary: 'also read the README' })] }], {
      messages: [...done.messages, { role: 'user', text: 'Please also read the README.' }],
      turnsSoFar: done.turns,
      // The same working copy: a follow-up goes on where the run left off.
      tools: first.request.tools,
      runCheck: first.request.runCheck,
    });
    const more = await runImplementLoop(follow.request);
    expect(more.stop).toBe('finished');
    expect(more.turns).toBe(2);
    expect(follow.harness.requestText(0)).toContain('a - b');
    expect(follow.harness.requestText(0)).toContain('Please also read the README.');
    expect(ofType(follow.entries, 'model').map((m) => m.turn)).toEqual([3, 4]);
    expect(more.messages.slice(0, done.messages.length)).toEqual(done.messages);
  });

  it('counts an estimate when the provider reports no usage, and says so', async () => {
    const { request, entries } = await setup([{ text: 'x'.repeat(400), calls: [FIX], noUsage: true }, { calls: [FINISH] }]);
    const result = await runImplementLoop(request);
    expect(result.stop).toBe('finished');
    const first = ofType(entries, 'model')[0]!;
    expect(first.tokensOut).toBeGreaterThanOrEqual(100);
    expect(first.tokensIn).toBeGreaterThan(0);
    expect(first.costUsd).toBeCloseTo((first.tokensIn + 5 * first.tokensOut) / 1_000_000, 12);
    expect(ofType(entries, 'notice').map((n) => n.text)).toContainEqual(expect.stringMatching(/^Turn 1: the provider reported no token usage; about \d+ in and \d+ out \(estimated/));
  });

  it('ends as cancelled when the cancel comes while the check runs, without a repair round', async () => {
    const controller = new AbortController();
    const { request, harness, entries } = await setup([{ calls: [FINISH] }, { calls: [FINISH] }], {
      signal: controller.signal,
      runCheck: async (signal) => {
        controller.abort();
        expect(signal?.aborted).toBe(true);
        return { passed: false, state: 'cancelled', exitCode: null, output: 'stopped', durationMs: 1 };
      },
    });
    const result = await runImplementLoop(request);
    expect(result.stop).toBe('cancelled');
    expect(result.repairRounds).toBe(0);
    expect(harness.requestCount()).toBe(1);
    expect(ofType(entries, 'check')).toEqual([expect.objectContaining({ round: 0, state: 'cancelled' })]);
  });

  it('stops as max-files once the working copy holds more changed files than allowed', async () => {
    const write = (path: string) => call('write_file', { path, content: 'x\n' });
    const { request, harness } = await setup([{ calls: [write('a.ts'), write('b.ts')] }, { calls: [write('c.ts')] }, { calls: [FINISH] }], { guards: { maxChangedFiles: 2 } });
    const result = await runImplementLoop(request);
    expect(result.stop).toBe('max-files');
    expect(harness.requestCount()).toBe(2);
    expect(result.toolCalls).toBe(3);
  });

  it("runs a turn's parallel calls in order, answers them in one tool message, and leaves calls after finish unrun", async () => {
    const { request, root, entries, harness } = await setup([
      { calls: [call('read_file', { path: 'README.md' }), FIX] },
      { calls: [FINISH, call('write_file', { path: 'late.ts', content: 'x' })] },
    ]);
    const result = await runImplementLoop(request);
    expect(result.stop).toBe('finished');
    expect(ofType(entries, 'tool').map((t) => [t.turn, t.tool])).toEqual([
      [1, 'read_file'],
      [1, 'edit_file'],
      [2, 'finish'],
    ]);
    const results = (result.messages[2] as { role: 'tool'; results: Array<{ content: string; isError: boolean }> }).results;
    expect(results).toHaveLength(2);
    expect(result.messages[4]).toMatchObject({ role: 'tool', results: [{ isError: false }, { content: 'Not run: finish was called before it.', isError: true }] });
    // The second request carried both results of the first turn, each tied to its call.
    const second = harness.server.requests[1]!.body.messages as Array<{ role: string; tool_call_id?: string }>;
    expect(second.filter((m) => m.role === 'tool').map((m) => m.tool_call_id)).toEqual(['call_0_read_file', 'call_1_edit_file']);
    expect(readFileSync(join(root, 'src/sum.ts'), 'utf8')).toContain('a + b');
    expect(() => readFileSync(join(root, 'late.ts'))).toThrow();
  });
});
