// Qwen Code as an engine, against a stand-in `qwen` that replays headless mode's stream-json (the Claude-style
// messages with a `session_start` system line): the transcript, tokens without cost, its turn limit and error
// result, resuming, and the shared bad-input endings.

import { afterAll, describe, expect, it } from 'vitest';
import { qwen } from '../../../../../src/main/core/implement/engines/qwen';
import { cleanupTempDirs } from '../../../../helpers/git';
import { cleanupOutsideTmp } from '../../launcher/launch-fixture';
import { badInputTests } from './bad-input';
import { modelText, noticeTexts, runStandIn } from './stand-in';

afterAll(() => {
  cleanupTempDirs();
  cleanupOutsideTmp();
});

const session = '123e4567-e89b-12d3-a456-426614174000';
const start = { type: 'system', subtype: 'session_start', uuid: 'u0', session_id: session, model: 'qwen3-coder-plus', permission_mode: 'auto-edit' };
const say = (id: string, content: object[]) => ({ type: 'assistant', uuid: `u-${id}`, session_id: session, parent_tool_use_id: null, message: { id, type: 'message', role: 'assistant', model: 'qwen3-coder-plus', content, usage: { input_tokens: 10, output_tokens: 5 } } });
const edit = say('m1', [{ type: 'text', text: 'Editing src/a.ts.' }, { type: 'tool_use', id: 'call_1', name: 'edit', input: { file_path: 'src/a.ts', old_string: 'a', new_string: 'b' } }]);
const toolResult = { type: 'user', uuid: 'u2', session_id: session, parent_tool_use_id: null, message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: 'The file was edited.', is_error: false }] } };
const done = { type: 'result', subtype: 'success', uuid: 'u9', session_id: session, is_error: false, duration_ms: 900, duration_api_ms: 800, num_turns: 2, result: 'Done.', usage: { input_tokens: 2100, output_tokens: 300, cache_read_input_tokens: 400 }, permission_denials: [] };

describe('the Qwen Code engine', () => {
  it('reads its stream-json through the shared Claude-style reader: transcript, session and tokens, no cost', async () => {
    const { promise } = runStandIn(qwen, 'qwen', { lines: [start, edit, '{not json', toolResult, say('m2', [{ type: 'text', text: 'Done.' }]), done], echoArgs: true }, { model: 'qwen3-coder-plus', allowedCommands: ['npm test'] });
    const run = await promise;
    expect(run.stop).toBe('finished');
    expect(run.message).toContain('cost unknown');
    expect(run).toMatchObject({ sessionId: session, tokensIn: 2500, tokensOut: 300, costUsd: null, turns: 2, toolCalls: 1 });
    expect(run.transcript.find((e) => e.type === 'tool')).toMatchObject({ tool: 'edit', ok: true, result: 'The file was edited.' });
    expect(modelText(run)).toBe('Editing src/a.ts.\nDone.');
    const notices = noticeTexts(run);
    expect(notices.some((t) => t.startsWith('Qwen Code printed a line that is not its JSON output: {not json'))).toBe(true);
    const argv = notices.find((t) => t.includes('ARGV'))!;
    for (const word of ['-p', '--output-format', 'stream-json', '--approval-mode', 'auto-edit', '--max-session-turns', '7', '--model', 'qwen3-coder-plus', '--allowed-tools', 'run_shell_command(npm test)']) expect(argv).toContain(`"${word}"`);
    expect(argv).toContain('STDIN "Implement the module."');
  });

  it('says when it stopped itself at --max-session-turns', async () => {
    const { promise } = runStandIn(qwen, 'qwen', { lines: [start, { ...done, subtype: 'error_max_turns', is_error: true, result: undefined }], exitCode: 53 });
    expect((await promise).stop).toBe('max-turns');
  });

  it('an error result ends the run with its message', async () => {
    const { promise } = runStandIn(qwen, 'qwen', { lines: [start, { ...done, subtype: 'error_during_execution', is_error: true, result: undefined, error: { message: 'Model stream ended with an invalid chunk' } }], exitCode: 1 });
    const run = await promise;
    expect(run.stop).toBe('error');
    expect(run.message).toContain('Qwen Code exited with code 1: Model stream ended with an invalid chunk');
  });

  it('continues its session with --resume on a follow-up', async () => {
    const { promise } = runStandIn(qwen, 'qwen', { lines: [done], echoArgs: true }, { resumeSession: session });
    expect(noticeTexts(await promise).some((t) => t.includes(`"--resume","${session}"`))).toBe(true);
  });

  badInputTests(qwen, 'qwen', [start, say('m1', [{ type: 'text', text: 'Working on it.' }])]);
});
