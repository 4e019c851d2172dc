// The real Claude Code from the npm registry as an engine (its own file, so it can be run alone): installed once into
// a cached folder under the system temp folder, started by runEngine through the launcher in a working copy made a git
// repository at the module's tip, pointed at a loopback Anthropic Messages server through ANTHROPIC_BASE_URL with the
// key mapped to it. The server scripts Claude Code's own Read and Edit tools, then a final text; the change is
// accepted as one commit on the module branch and checked with the git CLI. Skipped, saying why, where npm cannot
// install it.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claudeCode } from '../../../../../src/main/core/implement/engines/claude-code';
import { runEngine } from '../../../../../src/main/core/implement/engines/engine-runner';
import { cleanupTempDirs } from '../../../../helpers/git';
import { anthropicStream, anthropicToolTurn, sessionContext, startProviderServer, type AnswerFactory } from '../../../../helpers/provider-servers';
import { cleanupOutsideTmp, outsideTmp } from '../../launcher/launch-fixture';
import { acceptAndCheck, installFromNpm, realCopy } from './real-cli';

afterAll(() => {
  cleanupTempDirs();
  cleanupOutsideTmp();
});

/** The version installed (its npm package ships a native binary per platform through optional dependencies). */
const VERSION = process.env.FLEET_CLAUDE_CODE_VERSION ?? '2.1.332';
const MODEL = 'claude-sonnet-4-5-20250929';
const KEY = 'sk-ant-mapped-to-claude-code-only';

/** Claude Code's agent conversation (the requests offering its Edit tool): Read, then Edit, then a final text. */
function editSession(file: string): AnswerFactory {
  return (request) => {
    if (request.path.includes('count_tokens')) return { type: 'error', status: 200, body: { input_tokens: 100 } };
    const tools = Array.isArray(request.body.tools) ? (request.body.tools as Array<{ name?: string }>).map((t) => t.name) : [];
    // Its side requests (a title, a quota check) get a plain short answer.
    if (!tools.includes('Edit')) return anthropicStream('ok', { model: MODEL });
    // By the tool results it carries back (every scripted turn has the same message id, which Claude Code merges).
    const turn = sessionContext(request).toolResults.length;
    if (turn === 0) return anthropicToolTurn({ text: 'Reading the file first.', toolUses: [{ id: 'toolu_read', name: 'Read', input: { file_path: file } }], model: MODEL, inputTokens: 2000, outputTokens: 40 });
    if (turn === 1) return anthropicToolTurn({ toolUses: [{ id: 'toolu_edit', name: 'Edit', input: { file_path: file, old_string: 'util line 2', new_string: 'util line two' } }], model: MODEL, inputTokens: 2100, outputTokens: 60 });
    return anthropicToolTurn({ text: 'Changed line 2 of src/util.ts.', toolUses: [], model: MODEL, inputTokens: 2200, outputTokens: 20 });
  };
}

describe('the real Claude Code CLI as an engine', () => {
  it('edits one file against a loopback Messages server with the mapped key; the run is accepted as one commit', { timeout: 600_000 }, async (ctx) => {
    const installed = await installFromNpm('@anthropic-ai/claude-code', VERSION, 'claude');
    if ('reason' in installed) {
      console.warn(`skipped: ${installed.reason}`);
      return ctx.skip(installed.reason);
    }
    const home = outsideTmp('fleet-claude-home-');
    mkdirSync(join(home, '.claude'));
    writeFileSync(join(home, '.claude.json'), '{}\n');
    const server = await startProviderServer((request) => editSession(file)(request));
    const env = { PATH: `${installed.bin}:${process.env.PATH}`, HOME: home, LANG: 'C.UTF-8', ANTHROPIC_BASE_URL: server.url, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', DISABLE_AUTOUPDATER: '1', DISABLE_TELEMETRY: '1', DISABLE_ERROR_REPORTING: '1' };
    const target = await realCopy(env);
    const file = join(target.copy, 'src', 'util.ts');
    try {
      const started = Date.now();
      const result = await runEngine({
        engine: claudeCode,
        launcher: target.launcher,
        workdir: target.copy,
        prompt: 'In src/util.ts, change "util line 2" to "util line two".',
        model: MODEL,
        maxTurns: 5,
        budgetUsd: 1,
        timeoutMs: 180_000,
        hostEnv: env,
        home,
        credentials: { ANTHROPIC_API_KEY: KEY },
        readPaths: [installed.dir, target.objects],
        onEntries: () => {},
      });
      const runMs = Date.now() - started;
      expect(result.stop, result.message + JSON.stringify(result.transcript.slice(-5))).toBe('finished');
      expect(result.sessionId).toBeTruthy();
      expect(result.costUsd).toBeGreaterThan(0);
      expect(result.tokensIn).toBeGreaterThan(0);
      const tools = result.transcript.filter((e) => e.type === 'tool');
      expect(tools.map((t) => [t.tool, t.ok])).toEqual([
        ['Read', true],
        ['Edit', true],
      ]);
      // The key reached the server as given to this engine.
      const agent = server.requests.filter((r) => Array.isArray(r.body.tools));
      expect(agent.length).toBeGreaterThanOrEqual(3);
      expect(agent.every((r) => r.headers['x-api-key'] === KEY)).toBe(true);
      expect(readFileSync(file, 'utf8')).toContain('util line two');
      await acceptAndCheck(target, 'claude-code', 'src/util.ts', 'util line two');
      console.info(`claude-code ${VERSION}: install ${installed.installMs} ms (0: cached in ${installed.dir}), run ${runMs} ms`);
    } finally {
      await server.close();
    }
  });
});
