// Gemini CLI as an engine, against a stand-in `gemini` that replays headless mode's stream-json events: streamed
// assistant chunks joined into one entry per turn, tool calls with their results, tokens from the result's stats
// (no cost: unknown without a price), its turn limit, resuming, and the shared bad-input endings.

import { afterAll, describe, expect, it } from 'vitest';
import { gemini } from '../../../../../src/main/core/implement/engines/gemini';
import { cleanupTempDirs } from '../../../../helpers/git';
import { cleanupOutsideTmp } from '../../launcher/launch-fixture';
import { badInputTests } from './bad-input';
import { modelText, noticeTexts, runStandIn } from './stand-in';

afterAll(() => {
  cleanupTempDirs();
  cleanupOutsideTmp();
});

const at = '2026-12-03T06:00:00.000Z';
const init = { type: 'init', timestamp: at, session_id: '8f1c2a9e-4b7d-4c1e-9a3f-2d5e6f7a8b9c', model: 'gemini-2.5-pro' };
const user = { type: 'message', timestamp: at, role: 'user', content: 'Implement the module.' };
const chunk = (content: string) => ({ type: 'message', timestamp: at, role: 'assistant', content, delta: true });
const toolUse = { type: 'tool_use', timestamp: at, tool_name: 'replace', tool_id: 'replace-1', parameters: { file_path: 'src/a.ts', old_string: 'a', new_string: 'b' } };
const toolResult = { type: 'tool_result', timestamp: at, tool_id: 'replace-1', status: 'success', output: 'Successfully modified file: src/a.ts (1 replacements).' };
const result = { type: 'result', timestamp: at, status: 'success', stats: { total_tokens: 1540, input_tokens: 1200, output_tokens: 340, cached: 200, input: 1000, duration_ms: 1500, tool_calls: 1, models: {} } };

describe('the Gemini CLI engine', () => {
  it('maps stream-json to the transcript, joining streamed text, and reads tokens and the session; cost unknown, a stray line a notice', async () => {
    const lines = [init, user, chunk('I will '), chunk('edit the file.'), toolUse, 'Warning: punycode is deprecated', toolResult, chunk('Done.'), result];
    const { promise } = runStandIn(gemini, 'gemini', { lines, echoArgs: true }, { model: 'gemini-2.5-pro', allowedCommands: ['npm test'] });
    const run = await promise;
    expect(run.stop).toBe('finished');
    expect(run.message).toContain('cost unknown');
    expect(run).toMatchObject({ sessionId: init.session_id, tokensIn: 1200, tokensOut: 340, costUsd: null, turns: 2, toolCalls: 1 });
    expect(run.transcript.filter((e) => e.type === 'model').map((e) => (e as { text: string }).text)).toEqual(['I will edit the file.', 'Done.']);
    expect(run.transcript.find((e) => e.type === 'tool')).toMatchObject({ tool: 'replace', callId: 'replace-1', ok: true, args: { file_path: 'src/a.ts' }, result: toolResult.output });
    const notices = noticeTexts(run);
    expect(notices.some((t) => t.includes('not its JSON output: Warning: punycode is deprecated'))).toBe(true);
    // Headless mode, stream-json, auto_edit, trust for this session only, the check command allow-listed, the prompt on stdin.
    const argv = notices.find((t) => t.includes('ARGV'))!;
    for (const word of ['-p', '--output-format', 'stream-json', '--approval-mode', 'auto_edit', '--skip-trust', '--model', 'gemini-2.5-pro', '--allowed-tools', 'run_shell_command(npm test)']) expect(argv).toContain(`"${word}"`);
    expect(argv).toContain('STDIN "Implement the module."');
  });

  it('costs its reported tokens at a price and is stopped at the budget', async () => {
    const { promise } = runStandIn(gemini, 'gemini', { lines: [init, chunk('Working.'), result], hang: true }, { budgetUsd: 0.01, price: (i, o) => (i * 5 + o * 20) / 1_000_000 });
    const run = await promise;
    expect(run.stop).toBe('budget');
    expect(run.costUsd).toBeCloseTo(0.0128, 6);
  });

  it('a failed tool and an error result end the run with its reason', async () => {
    const failed = { ...toolResult, status: 'error', output: undefined, error: { type: 'FILE_NOT_FOUND', message: 'File not found: src/b.ts' } };
    const { promise } = runStandIn(gemini, 'gemini', { lines: [init, toolUse, failed, { ...result, status: 'error', error: { type: 'API_ERROR', message: 'Quota exceeded' } }], exitCode: 1 });
    const run = await promise;
    expect(run.transcript.find((e) => e.type === 'tool')).toMatchObject({ ok: false, result: 'File not found: src/b.ts' });
    expect(run.stop).toBe('error');
    expect(run.message).toContain('Gemini CLI exited with code 1: Quota exceeded');
  });

  it('says when its own session turn limit stopped it', async () => {
    const { promise } = runStandIn(gemini, 'gemini', { lines: [init, chunk('Still going.'), { type: 'error', timestamp: at, severity: 'error', message: 'Maximum session turns exceeded' }], exitCode: 53 });
    const run = await promise;
    expect(run.stop).toBe('max-turns');
    expect(modelText(run)).toBe('Still going.');
  });

  it('continues its session with --resume on a follow-up', async () => {
    const { promise } = runStandIn(gemini, 'gemini', { lines: [result], echoArgs: true }, { resumeSession: init.session_id });
    expect(noticeTexts(await promise).some((t) => t.includes(`"--resume","${init.session_id}"`))).toBe(true);
  });

  badInputTests(gemini, 'gemini', [init, chunk('Working on it.')]);
});
