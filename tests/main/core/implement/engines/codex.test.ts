// Codex as an engine, against a stand-in `codex` that replays `codex exec --json` events: agent messages, command
// executions and file changes in the transcript, tokens summed per turn, cost from a price (Codex reports none,
// else "cost unknown"), a budget stop on that cost, a request for user input ending the run.

import { afterAll, describe, expect, it } from 'vitest';
import { runEngine, type EngineRunRequest } from '../../../../../src/main/core/implement/engines/engine-runner';
import { codex } from '../../../../../src/main/core/implement/engines/codex';
import { cleanupTempDirs, makeTempDir } from '../../../../helpers/git';
import { cleanupOutsideTmp } from '../../launcher/launch-fixture';
import { processesNaming, standIn, type Script } from './stand-in';

afterAll(() => {
  cleanupTempDirs();
  cleanupOutsideTmp();
});

const started = { type: 'thread.started', thread_id: '0199a213-81c0-7800-8aa1-bbab2a035a53' };
const turn = { type: 'turn.started' };
const message = { type: 'item.completed', item: { id: 'item_0', type: 'agent_message', text: 'Running the tests first.' } };
const command = { type: 'item.completed', item: { id: 'item_1', type: 'command_execution', command: 'bash -lc "npm test"', aggregated_output: '1 passed\n', exit_code: 0, status: 'completed' } };
const change = { type: 'item.completed', item: { id: 'item_2', type: 'file_change', changes: [{ path: 'src/a.ts', kind: 'update' }], status: 'completed' } };
const completed = { type: 'turn.completed', usage: { input_tokens: 1000, cached_input_tokens: 400, output_tokens: 200 } };

function run(script: Script, overrides: Partial<EngineRunRequest> = {}) {
  const s = standIn('codex', script);
  const promise = runEngine({
    engine: codex,
    launcher: s.launcher,
    workdir: makeTempDir('fleet-engine-copy-'),
    prompt: 'Implement the module.',
    model: 'gpt-5-codex',
    maxTurns: 10,
    budgetUsd: null,
    timeoutMs: 20_000,
    hostEnv: s.env,
    home: s.home,
    killGraceMs: 300,
    questionMs: 400,
    onEntries: () => {},
    ...overrides,
  });
  return { s, promise };
}

describe('the Codex engine', () => {
  it('maps exec --json events to the transcript and sums the tokens of each turn; without a price its cost is unknown', async () => {
    const { promise } = run({ lines: [started, turn, message, command, change, completed, 'not json at all', turn, completed], echoArgs: true });
    const result = await promise;
    expect(result.stop).toBe('finished');
    expect(result.message).toContain('cost unknown');
    expect(result).toMatchObject({ sessionId: started.thread_id, tokensIn: 2000, tokensOut: 400, costUsd: null, turns: 2, toolCalls: 2 });
    const tools = result.transcript.filter((e) => e.type === 'tool');
    expect(tools[0]).toMatchObject({ tool: 'command', ok: true, args: { command: 'bash -lc "npm test"' } });
    expect(tools[1]).toMatchObject({ tool: 'file_change', ok: true, result: 'update src/a.ts' });
    expect(result.transcript.some((e) => e.type === 'model' && e.text === 'Running the tests first.')).toBe(true);
    const notices = result.transcript.filter((e) => e.type === 'notice').map((e) => (e as { text: string }).text);
    expect(notices.some((t) => t.includes('not its JSON output: not json at all'))).toBe(true);
    const argv = notices.find((t) => t.includes('ARGV'))!;
    for (const word of ['exec', '--json', '--sandbox', 'workspace-write', '-m', 'gpt-5-codex', '-']) expect(argv).toContain(`"${word}"`);
  });

  it('is stopped when the cost of its reported tokens reaches the budget, nothing left running', async () => {
    const { s, promise } = run({ lines: [started, turn, completed], hang: true }, { budgetUsd: 0.008, price: (i, o) => (i * 5 + o * 20) / 1_000_000 });
    const result = await promise;
    expect(result.stop).toBe('budget');
    expect(result.costUsd).toBeCloseTo(0.009, 6);
    expect(processesNaming(s.bin)).toEqual([]);
  });

  it('continues a thread with `exec resume <id>`', async () => {
    const { promise } = run({ lines: [started], echoArgs: true }, { resumeSession: started.thread_id });
    const result = await promise;
    expect(result.transcript.some((e) => e.type === 'notice' && e.text.includes(`"resume","${started.thread_id}"`))).toBe(true);
  });

  it('ends the run when it asks the user for input, naming the engine', async () => {
    const { s, promise } = run({ lines: [started, turn, { type: 'request_user_input', id: 't1', call_id: 'c1', questions: [{ question: 'Which file?' }] }], hang: true });
    const result = await promise;
    expect(result.stop).toBe('error');
    expect(result.message).toContain('Codex asked an interactive question');
    expect(processesNaming(s.bin)).toEqual([]);
  });
});
