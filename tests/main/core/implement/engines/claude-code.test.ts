// Claude Code as an engine, against a stand-in `claude` that replays print mode's stream-json lines: the transcript
// (text, tool calls with arguments and results), tokens, cost and session read; malformed lines kept as notices;
// an early non-zero exit, a hang then cancel (nothing left running) and a budget stop on the reported cost.

import { afterAll, describe, expect, it } from 'vitest';
import { runEngine, type EngineRunRequest } from '../../../../../src/main/core/implement/engines/engine-runner';
import { claudeCode } from '../../../../../src/main/core/implement/engines/claude-code';
import { cleanupTempDirs, makeTempDir } from '../../../../helpers/git';
import { cleanupOutsideTmp } from '../../launcher/launch-fixture';
import { processesNaming, standIn, type Script } from './stand-in';

afterAll(() => {
  cleanupTempDirs();
  cleanupOutsideTmp();
});

const init = { type: 'system', subtype: 'init', session_id: 'sess-1', model: 'claude-sonnet-4-5', cwd: '/w', tools: ['Edit', 'Bash'] };
const say = { type: 'assistant', session_id: 'sess-1', message: { id: 'msg_1', role: 'assistant', content: [{ type: 'text', text: 'I will edit the file.' }, { type: 'tool_use', id: 'toolu_1', name: 'Edit', input: { file_path: 'src/a.ts', old_string: 'a', new_string: 'b' } }] } };
const toolResult = { type: 'user', session_id: 'sess-1', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'The file src/a.ts has been updated.' }], is_error: false }] } };
const done = { type: 'result', subtype: 'success', is_error: false, duration_ms: 1200, num_turns: 2, result: 'Done.', session_id: 'sess-1', total_cost_usd: 0.0123, usage: { input_tokens: 100, cache_creation_input_tokens: 20, cache_read_input_tokens: 30, output_tokens: 40 } };

function run(script: Script, overrides: Partial<EngineRunRequest> = {}, extraEnv: NodeJS.ProcessEnv = {}) {
  const s = standIn('claude', script, extraEnv);
  const workdir = makeTempDir('fleet-engine-copy-');
  const promise = runEngine({
    engine: claudeCode,
    launcher: s.launcher,
    workdir,
    prompt: 'Implement the module.',
    model: 'claude-sonnet-4-5',
    maxTurns: 7,
    budgetUsd: 2,
    timeoutMs: 20_000,
    hostEnv: s.env,
    home: s.home,
    killGraceMs: 300,
    onEntries: () => {},
    ...overrides,
  });
  return { s, promise };
}

describe('the Claude Code engine', () => {
  it('maps stream-json to the transcript and reads tokens, cost, turns and the session; a malformed line is a notice', async () => {
    const { promise } = run({ lines: [init, say, '{"type": "assistant", broken', toolResult, done], echoArgs: true });
    const result = await promise;
    expect(result.stop).toBe('finished');
    expect(result.sessionId).toBe('sess-1');
    expect(result).toMatchObject({ tokensIn: 150, tokensOut: 40, costUsd: 0.0123, turns: 2, toolCalls: 1 });
    const types = result.transcript.map((e) => e.type);
    expect(types).toContain('model');
    const tool = result.transcript.find((e) => e.type === 'tool');
    expect(tool).toMatchObject({ tool: 'Edit', callId: 'toolu_1', ok: true, args: { file_path: 'src/a.ts' }, result: 'The file src/a.ts has been updated.' });
    const notices = result.transcript.filter((e) => e.type === 'notice').map((e) => (e as { text: string }).text);
    expect(notices.some((t) => t.includes('not its JSON output') && t.includes('broken'))).toBe(true);
    // How it was started: print mode, stream-json, its permission mode and limits, the prompt on stdin.
    const argv = notices.find((t) => t.includes('ARGV'))!;
    for (const flag of ['-p', '--output-format', 'stream-json', '--verbose', '--permission-mode', 'acceptEdits', '--max-turns', '7', '--max-budget-usd', '2.0000', '--model']) expect(argv).toContain(`"${flag}"`);
    expect(argv).toContain('STDIN "Implement the module."');
  });

  it('gets its own variables (base URL) but no key the app holds unless mapped to it, and stops after the idle limit', async () => {
    const env = { ANTHROPIC_BASE_URL: 'http://127.0.0.1:9/', ANTHROPIC_API_KEY: 'sk-ant-app-held', OPENAI_BASE_URL: 'http://other/' };
    const { s, promise } = run({ lines: [init], echoEnv: Object.keys(env), hang: true }, { idleMs: 600 }, env);
    const result = await promise;
    const seen = result.transcript.find((e) => e.type === 'notice' && e.text.includes('ENV '));
    expect(seen).toMatchObject({ text: expect.stringContaining('"ANTHROPIC_BASE_URL":"http://127.0.0.1:9/","ANTHROPIC_API_KEY":null,"OPENAI_BASE_URL":null') });
    expect(result.stop).toBe('error');
    expect(result.message).toContain('printed nothing for 1 seconds');
    expect(processesNaming(s.bin)).toEqual([]);
  });

  it('continues its session with --resume on a follow-up', async () => {
    const { promise } = run({ lines: [done], echoArgs: true }, { resumeSession: 'sess-1' });
    const result = await promise;
    expect(result.transcript.some((e) => e.type === 'notice' && e.text.includes('"--resume","sess-1"'))).toBe(true);
  });

  it('ends with an error naming the engine and its exit code when it exits early, the transcript kept', async () => {
    const { promise } = run({ lines: [init, say], exitCode: 3 });
    const result = await promise;
    expect(result.stop).toBe('error');
    expect(result.message).toContain('Claude Code exited with code 3');
    expect(result.transcript.some((e) => e.type === 'model')).toBe(true);
    // The call that never got a result is kept as failed.
    expect(result.transcript.find((e) => e.type === 'tool')).toMatchObject({ ok: false });
  });

  it('says when it stopped itself at its turn limit', async () => {
    const { promise } = run({ lines: [init, { ...done, subtype: 'error_max_turns', is_error: true }] });
    expect((await promise).stop).toBe('max-turns');
  });

  it('is stopped at once when the cost it reports reaches the budget, and nothing it started is left', async () => {
    const { s, promise } = run({ lines: [init, { ...done, total_cost_usd: 0.6 }], hang: true }, { budgetUsd: 0.5 });
    const result = await promise;
    expect(result.stop).toBe('budget');
    expect(result.message).toContain('overshoot by at most one model call');
    expect(result.costUsd).toBe(0.6);
    expect(processesNaming(s.bin)).toEqual([]);
  });

  it('hangs, then cancel ends it and everything it started (no process left in /proc)', async () => {
    const controller = new AbortController();
    const { s, promise } = run({ lines: [init], hang: true, echoArgs: true }, { signal: controller.signal, onEntries: () => setTimeout(() => controller.abort(), 200) });
    const result = await promise;
    expect(result.stop).toBe('cancelled');
    expect(result.message).toContain('cancelled');
    expect(processesNaming(s.bin)).toEqual([]);
  });
});
