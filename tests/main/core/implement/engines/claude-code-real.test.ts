// The real Claude Code from the npm registry as the engine of a whole run (its own file, so it can be run alone):
// installed once into a cached folder (under /var/tmp, the system's other temp folder: bubblewrap gives a run a
// private /tmp), found on the app's PATH, and pointed at the loopback Anthropic Messages server through
// ANTHROPIC_BASE_URL with the stored key mapped to it in the settings. The server scripts Claude Code's own Read and
// Edit tools, then a final text; the run service runs it in a git working copy, checks, reviews, and accept commits
// the change, checked with the git CLI. Skipped, saying why, where npm cannot install it.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImplementRun, ImplementSettings, ImplementStarted } from '../../../../../src/shared/types-implement';
import { git } from '../../../../helpers/git';
import { anthropicStream, anthropicToolTurn, sessionContext, type AnswerFactory } from '../../../../helpers/provider-servers';
import { cleanupOutsideTmp, outsideTmp } from '../../launcher/launch-fixture';
import { configure, detail, KEY, runEnd, serviceSuite, writeDesign } from '../service/service-fixture';
import { installFromNpm } from './real-cli';

const suite = serviceSuite();
afterAll(() => cleanupOutsideTmp());

/** The version installed (its npm package brings a native binary per platform through optional dependencies). */
const VERSION = process.env.FLEET_CLAUDE_CODE_VERSION ?? '2.1.332';
const MODEL = 'claude-sonnet-4-5-20250929';

/** Claude Code's agent conversation (the requests offering its Edit tool): Read, then Edit, then a final text. */
const editSession: AnswerFactory = (request) => {
  if (request.path.includes('count_tokens')) return { type: 'error', status: 200, body: { input_tokens: 100 } };
  const tools = Array.isArray(request.body.tools) ? (request.body.tools as Array<{ name?: string }>).map((t) => t.name) : [];
  // Its side requests (a title, a quota check) get a plain short answer.
  if (!tools.includes('Edit')) return anthropicStream('ok', { model: MODEL });
  // Its tools take absolute paths: the working copy is the one its environment note names.
  const copy = /Primary working directory: ([^\s\\]+)/.exec(JSON.stringify(request.body.messages))?.[1] ?? '/nowhere';
  const file = `${copy}/api/src/fleet.js`;
  // By the tool results it carries back (every scripted turn has the same message id, which Claude Code merges).
  const turn = sessionContext(request).toolResults.length;
  if (turn === 0) return anthropicToolTurn({ text: 'Reading the file first.', toolUses: [{ id: 'toolu_read', name: 'Read', input: { file_path: file } }], model: MODEL, inputTokens: 2000, outputTokens: 40 });
  if (turn === 1) return anthropicToolTurn({ toolUses: [{ id: 'toolu_edit', name: 'Edit', input: { file_path: file, old_string: 'return a - b;', new_string: 'return a + b;' } }], model: MODEL, inputTokens: 2100, outputTokens: 60 });
  return anthropicToolTurn({ text: 'add() now adds.', toolUses: [], model: MODEL, inputTokens: 2200, outputTokens: 20 });
};

describe('the real Claude Code CLI as the engine of a run', () => {
  it('edits one file against the loopback Messages server with the mapped key; the run is checked, reviewed and committed', { timeout: 600_000 }, async (ctx) => {
    const installed = await installFromNpm('@anthropic-ai/claude-code', VERSION, 'claude', '/var/tmp');
    if ('reason' in installed) {
      console.warn(`skipped: ${installed.reason}`);
      return ctx.skip(installed.reason);
    }
    suite.server.session = editSession;
    const home = outsideTmp('fleet-claude-home-');
    mkdirSync(join(home, '.claude'));
    writeFileSync(join(home, '.claude.json'), '{}\n');
    const env = { PATH: `${installed.bin}:${process.env.PATH}`, HOME: home, ANTHROPIC_BASE_URL: suite.server.url, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', DISABLE_AUTOUPDATER: '1', DISABLE_TELEMETRY: '1', DISABLE_ERROR_REPORTING: '1' };
    const core = await suite.core({ env });
    await configure(core, suite.server.baseUrl);
    await writeDesign(core, 'fleet-hub');
    const settings = await core.ok<ImplementSettings>('getImplementSettings');
    await core.ok('saveImplementSettings', { ...settings, engineKeys: { 'claude-code': { provider: 'loopback', variable: 'ANTHROPIC_API_KEY' } } });
    const startTip = git(core.repo, 'rev-parse', 'module/fleet-hub');

    const started = Date.now();
    const { runIds } = await core.ok<ImplementStarted>('startImplement', { modules: ['fleet-hub'], engine: 'claude-code', model: MODEL, budgetUsd: 5 });
    const ended = await runEnd(core, runIds[0]!, 240_000);
    const runMs = Date.now() - started;
    const run = await detail(core, runIds[0]!);
    expect(ended, JSON.stringify(run.transcript.slice(-6))).toMatchObject({ state: 'review', stop: 'finished', engine: 'claude-code', engineVersion: `${VERSION} (Claude Code)`, costKnown: true, changedFiles: 1 });
    expect(ended.engineSession).toBeTruthy();
    expect(ended.costUsd).toBeGreaterThan(0);
    expect(ended.check).toMatchObject({ state: 'passed' });
    expect(run.files).toEqual([expect.objectContaining({ path: 'api/src/fleet.js', status: 'modified' })]);
    expect(run.transcript.filter((e) => e.type === 'tool').map((t) => [t.tool, t.ok])).toEqual([
      ['Read', true],
      ['Edit', true],
    ]);
    // The stored key reached the server only as the key mapped to this engine.
    const agent = suite.server.requests.filter((r) => Array.isArray(r.body.tools));
    expect(agent.length).toBeGreaterThanOrEqual(3);
    expect(agent.every((r) => r.headers['x-api-key'] === KEY)).toBe(true);

    const accepted = await core.ok<ImplementRun>('acceptRun', { runId: runIds[0] });
    // Checked with the git CLI: one commit on the start tip, changing that file alone, with the engine's trailers.
    const commit = git(core.repo, 'rev-parse', 'module/fleet-hub');
    expect(accepted).toMatchObject({ state: 'committed', commit });
    expect(git(core.repo, 'rev-parse', `${commit}^`)).toBe(startTip);
    expect(git(core.repo, 'diff', '--name-only', startTip, commit)).toBe('api/src/fleet.js');
    expect(git(core.repo, 'show', `${commit}:api/src/fleet.js`)).toContain('return a + b;');
    const trailers = git(core.repo, 'log', '-1', '--format=%(trailers:only,unfold)', commit);
    expect(trailers).toContain('Fleet-Engine: claude-code');
    expect(trailers).toContain(`Fleet-Engine-Version: ${VERSION} (Claude Code)`);
    git(core.repo, 'fsck', '--no-progress');
    console.info(`claude-code ${VERSION}: install ${installed.installMs} ms (0: cached in ${installed.dir}), run to review ${runMs} ms`);
  });
});
