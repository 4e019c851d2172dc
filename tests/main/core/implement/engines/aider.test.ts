// Aider as an engine, against a stand-in `aider` that prints Aider's plain output: its lines as the transcript's
// text, "Applied edit to" lines as edits, tokens and the session cost from its usage line, a budget stop on that
// cost, no commits and nothing of its own left in the working copy, and the shared bad-input endings.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aider, tokenCount } from '../../../../../src/main/core/implement/engines/aider';
import { cleanupTempDirs } from '../../../../helpers/git';
import { cleanupOutsideTmp } from '../../launcher/launch-fixture';
import { badInputTests } from './bad-input';
import { modelText, processesNaming, runStandIn } from './stand-in';

afterAll(() => {
  cleanupTempDirs();
  cleanupOutsideTmp();
});

const banner = ['Aider v0.86.1', 'Main model: anthropic/claude-sonnet-4-20250514 with diff edit format', 'Git repo: .git with 2 files', 'Repo-map: using 4096 tokens, auto refresh'];
const reply = ['I will change the constant in src/a.ts.', '', 'src/a.ts', '<<<<<<< SEARCH', 'export const a = 1;', '=======', 'export const a = 2;', '>>>>>>> REPLACE', '', 'Applied edit to src/a.ts'];
const usage = (session: string) => `Tokens: 2.5k sent, 1.2k cache hit, 312 received. Cost: $0.01 message, $${session} session.`;

describe('the Aider engine', () => {
  it('shows its plain output as text, its edits as tool entries, and reads tokens and the session cost', async () => {
    const lines = [...banner, ...reply, usage('0.0123'), 'Tokens: 3.1k sent, 40 received. Cost: $0.0020 message, $0.0143 session.', '\u001b[0m\u0007stray bytes'];
    const { promise, workdir } = runStandIn(aider, 'aider', { lines, echoArgs: true, mkdirs: ['.aider.tags.cache.v4/cache'] }, { model: 'anthropic/claude-sonnet-4-20250514', allowedCommands: ['npm test'] });
    const run = await promise;
    expect(run.stop).toBe('finished');
    expect(run).toMatchObject({ tokensIn: 6800, tokensOut: 352, costUsd: 0.0143, turns: 2, toolCalls: 1 });
    expect(run.transcript.find((e) => e.type === 'tool')).toMatchObject({ tool: 'edit', args: { path: 'src/a.ts' }, ok: true });
    const text = modelText(run);
    expect(text).toContain('I will change the constant in src/a.ts.');
    expect(text).toContain('stray bytes');
    // One message from the prompt file, stdin at /dev/null, no commits, no history or .gitignore written, the check as its test command.
    for (const word of ['--message-file', '--yes-always', '--no-auto-commits', '--no-dirty-commits', '--no-gitignore', '--no-pretty', '--no-stream', '--model', '--test-cmd', 'npm test', '--auto-test']) expect(text).toContain(`"${word}"`);
    expect(text).toContain('"--chat-history-file","/dev/null"');
    expect(text).toContain('STDIN ""');
    // Its repo-map cache in the copy's root is removed when it ends.
    expect(existsSync(join(workdir, '.aider.tags.cache.v4'))).toBe(false);
  });

  it('is stopped at once when the session cost it prints reaches the budget, nothing left running', async () => {
    const { s, promise } = runStandIn(aider, 'aider', { lines: [...banner, usage('0.60')], hang: true }, { budgetUsd: 0.5 });
    const run = await promise;
    expect(run.stop).toBe('budget');
    expect(run.costUsd).toBe(0.6);
    expect(processesNaming(s.bin)).toEqual([]);
  });

  it('keeps its exit status past the cache cleanup, and without a priced model its cost stays unknown', async () => {
    const { promise } = runStandIn(aider, 'aider', { lines: [...banner, 'Tokens: 900 sent, 12 received.'], exitCode: 2 });
    const run = await promise;
    expect(run.stop).toBe('error');
    expect(run.message).toContain('Aider exited with code 2');
    expect(run).toMatchObject({ tokensIn: 900, tokensOut: 12, costUsd: null });
  });

  it('reads token counts as Aider prints them', () => {
    expect([tokenCount('312'), tokenCount('2.5k'), tokenCount('25k'), tokenCount(undefined)]).toEqual([312, 2500, 25000, 0]);
  });

  badInputTests(aider, 'aider', banner);
});
