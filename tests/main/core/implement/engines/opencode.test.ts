// opencode as an engine, against a stand-in `opencode` that replays `opencode run --format json` events: text and
// tool calls in the transcript, tokens and cost summed over its steps, a budget stop on that cost, its permission
// rules given through OPENCODE_PERMISSION, resuming with --session, and the shared bad-input endings.

import { afterAll, describe, expect, it } from 'vitest';
import { opencode, permissionRules } from '../../../../../src/main/core/implement/engines/opencode';
import { cleanupTempDirs } from '../../../../helpers/git';
import { cleanupOutsideTmp } from '../../launcher/launch-fixture';
import { badInputTests } from './bad-input';
import { modelText, noticeTexts, processesNaming, runStandIn } from './stand-in';

afterAll(() => {
  cleanupTempDirs();
  cleanupOutsideTmp();
});

const sessionID = 'ses_4f9562d4ffe1';
const event = (type: string, data: object) => ({ type, timestamp: 1764741600000, sessionID, ...data });
const stepStart = event('step_start', { part: { type: 'step-start', snapshot: 'abc' } });
const text = (t: string) => event('text', { part: { type: 'text', text: t, time: { start: 1, end: 2 } } });
const edit = event('tool_use', { part: { type: 'tool', callID: 'call_1', tool: 'edit', state: { status: 'completed', input: { filePath: 'src/a.ts', oldString: 'a', newString: 'b' }, output: 'Edit applied successfully.', title: 'src/a.ts' } } });
const refused = event('tool_use', { part: { type: 'tool', callID: 'call_2', tool: 'bash', state: { status: 'error', input: { command: 'curl example.com' }, error: 'The user rejected permission to use this specific tool call.' } } });
const stepFinish = (cost: number, input: number, output: number, read = 0) => event('step_finish', { part: { type: 'step-finish', reason: 'tool-calls', cost, tokens: { input, output, reasoning: 10, cache: { read, write: 0 } } } });

describe('the opencode engine', () => {
  it('maps run --format json to the transcript and sums tokens and cost over its steps; its permissions come from the launch', async () => {
    const lines = [stepStart, text('Editing src/a.ts.'), edit, refused, stepFinish(0.004, 1000, 100, 200), '{"type": broken', stepStart, text('Done.'), stepFinish(0.002, 1300, 50), event('done', { reason: 'idle', rejected: ['bash'] })];
    const { promise } = runStandIn(opencode, 'opencode', { lines, echoArgs: true, echoEnv: ['OPENCODE_PERMISSION', 'OPENCODE_DISABLE_AUTOUPDATE'] }, { model: 'anthropic/claude-sonnet-4-5', allowedCommands: ['npm test'] });
    const run = await promise;
    expect(run.stop).toBe('finished');
    expect(run).toMatchObject({ sessionId: sessionID, tokensIn: 2500, tokensOut: 170, turns: 2, toolCalls: 2 });
    expect(run.costUsd).toBeCloseTo(0.006, 9);
    const tools = run.transcript.filter((e) => e.type === 'tool');
    expect(tools[0]).toMatchObject({ tool: 'edit', ok: true, args: { filePath: 'src/a.ts' }, result: 'Edit applied successfully.' });
    expect(tools[1]).toMatchObject({ tool: 'bash', ok: false, result: expect.stringContaining('rejected permission') });
    expect(modelText(run)).toBe('Editing src/a.ts.\nDone.');
    const notices = noticeTexts(run);
    expect(notices.some((t) => t.includes('not its JSON output: {"type": broken'))).toBe(true);
    expect(notices).toContain('opencode was refused what it asked for: bash');
    const argv = notices.find((t) => t.includes('ARGV'))!;
    for (const word of ['run', '--format', 'json', '--model', 'anthropic/claude-sonnet-4-5']) expect(argv).toContain(`"${word}"`);
    expect(argv).toContain('STDIN "Implement the module."');
    const seen = notices.find((t) => t.includes(': ENV {'))!;
    const env = JSON.parse(seen.slice(seen.indexOf('ENV {') + 4)) as Record<string, string>;
    expect(JSON.parse(env.OPENCODE_PERMISSION!)).toEqual({ edit: 'allow', bash: { '*': 'deny', 'npm test': 'allow', 'npm test *': 'allow' }, webfetch: 'deny', external_directory: 'deny' });
    expect(env.OPENCODE_DISABLE_AUTOUPDATE).toBe('true');
  });

  it('puts the catch-all shell rule first, since the last matching rule wins', () => {
    expect(Object.keys((JSON.parse(permissionRules(['make check'])) as { bash: object }).bash)).toEqual(['*', 'make check', 'make check *']);
  });

  it('is stopped at once when the cost of its steps reaches the budget, nothing left running', async () => {
    const { s, promise } = runStandIn(opencode, 'opencode', { lines: [stepStart, stepFinish(0.3, 1, 1), stepStart, stepFinish(0.3, 1, 1)], hang: true }, { budgetUsd: 0.5 });
    const run = await promise;
    expect(run.stop).toBe('budget');
    expect(run.costUsd).toBeCloseTo(0.6, 9);
    expect(processesNaming(s.bin)).toEqual([]);
  });

  it('an error event ends the run with its message', async () => {
    const { promise } = runStandIn(opencode, 'opencode', { lines: [stepStart, event('error', { error: { name: 'APIError', data: { message: 'Rate limit reached' } } })], exitCode: 1 });
    const run = await promise;
    expect(run.stop).toBe('error');
    expect(run.message).toContain('opencode exited with code 1: Rate limit reached');
  });

  it('continues its session with --session on a follow-up', async () => {
    const { promise } = runStandIn(opencode, 'opencode', { lines: [stepStart], echoArgs: true }, { resumeSession: sessionID });
    expect(noticeTexts(await promise).some((t) => t.includes(`"--session","${sessionID}"`))).toBe(true);
  });

  badInputTests(opencode, 'opencode', [stepStart, text('Working on it.')]);
});
