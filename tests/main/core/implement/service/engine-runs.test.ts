// Whole runs with an agent CLI engine, against stand-in CLIs on the app's PATH: the working copy is a git repository
// at the start tip, the CLI's own commits fold into the one reviewed change and accept commits it (checked with the
// git CLI, the copy's .git nowhere in it); the refusals before anything is written (missing engine, no time cap).

import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ImplementEstimate, ImplementRun, ImplementStarted, TranscriptEntry } from '../../../../../src/shared/types-implement';
import { workspaceDataDir } from '../../../../../src/main/core/paths';
import { git } from '../../../../helpers/git';
import { cleanupOutsideTmp } from '../../launcher/launch-fixture';
import { processesNaming } from '../engines/stand-in';
import { claudeLines, digest, engineStandIn } from './engine-stand-in';
import { FLEET_JS, configure, detail, runEnd, streamedEntries, workTreeSnapshot, writeDesign, serviceSuite } from './service-fixture';

const suite = serviceSuite();
afterAll(() => cleanupOutsideTmp());

const FIXED = FLEET_JS.replace('a - b', 'a + b');
const notices = (entries: TranscriptEntry[]): string[] => entries.filter((e) => e.type === 'notice').map((e) => (e as { text: string }).text);

describe('runs with an agent CLI engine', () => {
  it('runs Claude Code in a git working copy, folds the commit it made into one change, and accept commits only that change', async () => {
    const cli = engineStandIn('claude', { version: '2.1.0 (Claude Code)', launches: [{ edits: { 'api/src/fleet.js': FIXED }, commit: true, lines: claudeLines('sess-1', 'add() now adds.', 0.05) }], echoEnv: ['ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL'] });
    const core = await suite.core({ env: { ...cli.env, ANTHROPIC_BASE_URL: 'http://127.0.0.1:9/' } });
    await configure(core, suite.server.baseUrl);
    await writeDesign(core, 'fleet-hub');
    const userTree = workTreeSnapshot(core.repo);
    const startTip = git(core.repo, 'rev-parse', 'module/fleet-hub');

    const started = await core.ok<ImplementStarted>('startImplement', { modules: ['fleet-hub'], engine: 'claude-code', budgetUsd: 5 });
    const runId = started.runIds[0]!;
    const ended = await runEnd(core, runId);
    expect(ended).toMatchObject({ state: 'review', stop: 'finished', engine: 'claude-code', engineVersion: '2.1.0 (Claude Code)', engineSession: 'sess-1', costKnown: true, costUsd: 0.05, changedFiles: 1, provider: 'claude-code', model: '' });
    expect(ended.check).toMatchObject({ state: 'passed', round: 0 });

    // The copy is a repository whose history holds the agent's own commit on top of the start tip; the change is one file.
    const copy = join(workspaceDataDir(core.appDataDir, core.repo), 'working-copies', runId);
    expect(git(copy, 'log', '-1', '--format=%s')).toBe('the agent commits its own work');
    expect(git(copy, 'rev-parse', 'HEAD^')).toBe(startTip);
    const run = await detail(core, runId);
    expect(run.files).toEqual([expect.objectContaining({ path: 'api/src/fleet.js', status: 'modified' })]);
    const said = notices(run.transcript);
    expect(said).toContain('Claude Code uses its own login: no stored key was given to it.');
    expect(said.some((t) => t.includes('remaining batch budget of $5.00 as its own spending limit') && t.includes('at most one model call'))).toBe(true);
    expect(said.some((t) => t.includes('"--max-budget-usd","5.0000"') && t.includes('"--allowedTools","Bash(sh check.sh:*)"'))).toBe(true);
    expect(said.some((t) => t.includes('STDIN "You are a software engineer implementing'))).toBe(true);
    // Its own base URL reaches it; no key does.
    expect(said).toContainEqual(expect.stringContaining(`"ANTHROPIC_API_KEY":null,"ANTHROPIC_BASE_URL":"${digest('http://127.0.0.1:9/')}"`));
    expect(run.transcript.find((e) => e.type === 'tool')).toMatchObject({ tool: 'Edit', ok: true });
    expect(run.transcript.some((e) => e.type === 'model' && e.text === 'add() now adds.')).toBe(true);
    expect(run.transcript.some((e) => e.type === 'check' && e.state === 'passed')).toBe(true);
    expect(streamedEntries(core, runId).map((e) => e.seq)).toEqual(run.transcript.map((e) => e.seq));

    const accepted = await core.ok<ImplementRun>('acceptRun', { runId });
    const commit = git(core.repo, 'rev-parse', 'module/fleet-hub');
    expect(accepted).toMatchObject({ state: 'committed', commit });
    expect(git(core.repo, 'rev-parse', `${commit}^`)).toBe(startTip);
    expect(git(core.repo, 'show', '--stat', '--format=', commit)).toMatch(/^ api\/src\/fleet\.js \| 2 \+-\n 1 file changed, 1 insertion\(\+\), 1 deletion\(-\)$/);
    expect(git(core.repo, 'ls-tree', '-r', '--name-only', commit).split('\n').filter((p) => p === '.git' || p.startsWith('.git/'))).toEqual([]);
    const trailers = git(core.repo, 'log', '-1', '--format=%(trailers:only,unfold)', commit);
    expect(trailers).toContain('Fleet-Engine: claude-code');
    expect(trailers).toContain('Fleet-Engine-Version: 2.1.0 (Claude Code)');
    expect(trailers).toContain('Fleet-Model: default');
    expect(trailers).toContain('Fleet-Cost: 0.050000 USD');
    git(core.repo, 'fsck', '--no-progress');
    expect(workTreeSnapshot(core.repo)).toEqual(userTree);
    expect(existsSync(copy)).toBe(false);
  });

  it('refuses an engine that is not installed with ENGINE_UNAVAILABLE naming it and its install hint, before any working copy', async () => {
    const cli = engineStandIn('claude', { version: '2.1.0 (Claude Code)', launches: [{ lines: [] }] });
    const core = await suite.core({ env: cli.env });
    await configure(core, suite.server.baseUrl);
    await writeDesign(core, 'fleet-hub');
    const refused = await core.fails('startImplement', { modules: ['fleet-hub'], engine: 'codex', maxMinutes: 5 });
    expect(refused.code).toBe('ENGINE_UNAVAILABLE');
    expect(refused.message).toContain('Codex cannot run here: codex is not on PATH');
    expect(refused.message).toContain('npm install -g @openai/codex');
    expect(await core.ok<ImplementRun[]>('listImplementRuns', {})).toEqual([]);
    const copies = join(workspaceDataDir(core.appDataDir, core.repo), 'working-copies');
    expect(existsSync(copies) ? readdirSync(copies) : []).toEqual([]);
    // The estimate lists the modules as blocked by it instead.
    const estimate = await core.ok<ImplementEstimate>('estimateImplement', { modules: ['fleet-hub'], engine: 'codex', maxMinutes: 5 });
    expect(estimate.runs[0]!.blocked).toContain('codex is not on PATH');
  });

  it('needs a time cap for an engine whose cost is unknown: start and estimate refuse without one, the estimate says so with one', async () => {
    const cli = engineStandIn('codex', { version: 'codex-cli 0.46.0', launches: [{ lines: [] }] }, ['.codex']);
    const core = await suite.core({ env: cli.env });
    await configure(core, suite.server.baseUrl);
    await writeDesign(core, 'fleet-hub');
    const estimateRefused = await core.fails('estimateImplement', { modules: ['fleet-hub'], engine: 'codex' });
    expect(estimateRefused).toMatchObject({ code: 'TIME_CAP_REQUIRED', message: expect.stringContaining('Codex reports no cost') });
    const startRefused = await core.fails('startImplement', { modules: ['fleet-hub'], engine: 'codex' });
    expect(startRefused.code).toBe('TIME_CAP_REQUIRED');
    expect(startRefused.message).toContain('--max-minutes');
    const estimate = await core.ok<ImplementEstimate>('estimateImplement', { modules: ['fleet-hub'], engine: 'codex', maxMinutes: 7 });
    expect(estimate).toMatchObject({ engine: 'codex', costKnown: false, provider: 'codex' });
    expect(estimate.summary).toContain('cost unknown');
    expect(estimate.summary).toContain('time cap of 7 minutes');
    // With a provider and model that have a price, its tokens are priced: the cost is known.
    const priced = await core.ok<ImplementEstimate>('estimateImplement', { modules: ['fleet-hub'], engine: 'codex', provider: 'loopback', model: 'test-model' });
    expect(priced).toMatchObject({ costKnown: true, provider: 'loopback' });
    expect(await core.ok<ImplementRun[]>('listImplementRuns', {})).toEqual([]);
  });

  it('ends a run whose CLI exits non-zero after a malformed line with a message naming the engine, its transcript kept and nothing committed', async () => {
    const cli = engineStandIn('claude', { version: '2.1.0 (Claude Code)', launches: [{ lines: ['{"type": "assistant", broken', claudeLines('sess-9', 'x', 0.01)[0]!], exitCode: 3 }] });
    const core = await suite.core({ env: cli.env });
    await configure(core, suite.server.baseUrl);
    await writeDesign(core, 'fleet-hub');
    const tip = git(core.repo, 'rev-parse', 'module/fleet-hub');
    const { runIds } = await core.ok<ImplementStarted>('startImplement', { modules: ['fleet-hub'], engine: 'claude-code' });
    const ended = await runEnd(core, runIds[0]!);
    expect(ended).toMatchObject({ state: 'failed', stop: 'error', workingCopy: false, error: { code: 'ENGINE_FAILED', message: 'Claude Code exited with code 3.' } });
    const said = notices((await detail(core, runIds[0]!)).transcript);
    expect(said.some((t) => t.includes('not its JSON output') && t.includes('broken'))).toBe(true);
    expect(said).toContain('Claude Code exited with code 3.');
    expect(git(core.repo, 'rev-parse', 'module/fleet-hub')).toBe(tip);
    expect(processesNaming(cli.bin)).toEqual([]);
  });

  it('ends a run whose CLI asks a question and waits, naming the engine and the question, its edit kept for review and nothing left running', async () => {
    const cli = engineStandIn('claude', { version: '2.1.0 (Claude Code)', launches: [{ edits: { 'api/src/fleet.js': FIXED }, lines: [claudeLines('sess-q', 'x', 0)[0]!, 'Overwrite api/src/fleet.js? (y/n)'], hang: true }] });
    const core = await suite.core({ env: cli.env });
    await configure(core, suite.server.baseUrl);
    await writeDesign(core, 'fleet-hub');
    const tip = git(core.repo, 'rev-parse', 'module/fleet-hub');
    const { runIds } = await core.ok<ImplementStarted>('startImplement', { modules: ['fleet-hub'], engine: 'claude-code' });
    const ended = await runEnd(core, runIds[0]!);
    expect(ended).toMatchObject({ state: 'review', stop: 'error', changedFiles: 1, error: { code: 'ENGINE_FAILED' } });
    expect(ended.error!.message).toContain('Claude Code asked an interactive question and was ended');
    expect(ended.error!.message).toContain('Overwrite api/src/fleet.js? (y/n)');
    expect(notices((await detail(core, runIds[0]!)).transcript)).toContain(ended.error!.message);
    expect(git(core.repo, 'rev-parse', 'module/fleet-hub')).toBe(tip);
    expect(processesNaming(cli.bin)).toEqual([]);
  });
});
