// The real Qwen Code from the npm registry as an engine (its own file, so it can be run alone): installed once into a
// cached folder under the system temp folder, run by runEngine through the launcher in a git working copy, pointed at
// a loopback OpenAI-compatible server through OPENAI_BASE_URL with the key mapped to it. The server scripts Qwen
// Code's own read and edit tools, then a final text; this checks the adapter's flags and the shared stream-json
// reader against the CLI itself, and the change is accepted as one commit. Skipped, saying why, where npm cannot
// install it.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEngine } from '../../../../../src/main/core/implement/engines/engine-runner';
import { qwen } from '../../../../../src/main/core/implement/engines/qwen';
import { cleanupTempDirs } from '../../../../helpers/git';
import { openAiToolTurn, sessionContext, startProviderServer, type AnswerFactory, type RecordedRequest } from '../../../../helpers/provider-servers';
import { cleanupOutsideTmp, outsideTmp } from '../../launcher/launch-fixture';
import { acceptAndCheck, installFromNpm, realCopy } from './real-cli';

afterAll(() => {
  cleanupTempDirs();
  cleanupOutsideTmp();
});

const VERSION = process.env.FLEET_QWEN_CODE_VERSION ?? '0.24.4';
const MODEL = 'qwen3-coder-plus';
const KEY = 'sk-mapped-to-qwen-code-only';

const toolNames = (request: RecordedRequest): string[] =>
  Array.isArray(request.body.tools) ? (request.body.tools as Array<{ function?: { name?: string } }>).map((t) => String(t.function?.name)) : [];

/** Qwen Code's agent conversation (the requests offering its edit tool): read_file, then edit, then a final text. */
function editSession(file: () => string): AnswerFactory {
  return (request) => {
    if (!toolNames(request).includes('edit')) return openAiToolTurn({ text: 'ok', toolCalls: [], model: MODEL });
    const turn = sessionContext(request).toolResults.length;
    if (turn === 0) return openAiToolTurn({ text: 'Reading the file first.', toolCalls: [{ id: 'call_read', name: 'read_file', args: { file_path: file(), absolute_path: file() } }], model: MODEL, promptTokens: 2000, completionTokens: 40 });
    if (turn === 1) return openAiToolTurn({ toolCalls: [{ id: 'call_edit', name: 'edit', args: { file_path: file(), old_string: 'util line 2', new_string: 'util line two' } }], model: MODEL, promptTokens: 2100, completionTokens: 60 });
    return openAiToolTurn({ text: 'Changed line 2 of src/util.ts.', toolCalls: [], model: MODEL, promptTokens: 2200, completionTokens: 20 });
  };
}

describe('the real Qwen Code CLI as an engine', () => {
  it('edits one file against a loopback OpenAI-compatible server with the mapped key; the run is accepted as one commit', { timeout: 600_000 }, async (ctx) => {
    const installed = await installFromNpm('@qwen-code/qwen-code', VERSION, 'qwen');
    if ('reason' in installed) {
      console.warn(`skipped: ${installed.reason}`);
      return ctx.skip(installed.reason);
    }
    let file = '';
    const server = await startProviderServer(editSession(() => file));
    const home = outsideTmp('fleet-qwen-home-');
    mkdirSync(join(home, '.qwen'));
    // Its own settings, as a user's would be: no update check or usage statistics from a test.
    writeFileSync(join(home, '.qwen', 'settings.json'), JSON.stringify({ general: { disableAutoUpdate: true, disableUpdateNag: true }, privacy: { usageStatisticsEnabled: false }, telemetry: { enabled: false } }));
    const env = { PATH: `${installed.bin}:${process.env.PATH}`, HOME: home, LANG: 'C.UTF-8', OPENAI_BASE_URL: server.baseUrl, OPENAI_MODEL: MODEL };
    const target = await realCopy(env);
    file = join(target.copy, 'src', 'util.ts');
    try {
      const started = Date.now();
      const result = await runEngine({
        engine: qwen,
        launcher: target.launcher,
        workdir: target.copy,
        prompt: 'In src/util.ts, change "util line 2" to "util line two".',
        model: MODEL,
        maxTurns: 5,
        budgetUsd: null,
        timeoutMs: 180_000,
        hostEnv: env,
        home,
        credentials: { OPENAI_API_KEY: KEY },
        readPaths: [installed.dir, target.objects],
        onEntries: () => {},
      });
      const runMs = Date.now() - started;
      expect(result.stop, result.message + JSON.stringify(result.transcript.slice(-5))).toBe('finished');
      expect(result.sessionId).toBeTruthy();
      expect(result.costUsd).toBeNull();
      expect(result.tokensIn).toBeGreaterThan(0);
      expect(result.transcript.filter((e) => e.type === 'tool').map((t) => [t.tool, t.ok])).toEqual([
        ['read_file', true],
        ['edit', true],
      ]);
      const agent = server.requests.filter((r) => toolNames(r).includes('edit'));
      expect(agent.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
      expect(readFileSync(file, 'utf8')).toContain('util line two');
      await acceptAndCheck(target, 'qwen', 'src/util.ts', 'util line two');
      console.info(`qwen-code ${VERSION}: install ${installed.installMs} ms (0: cached in ${installed.dir}), run ${runMs} ms`);
    } finally {
      await server.close();
    }
  });
});
