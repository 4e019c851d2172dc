// Agent CLI runs and what they are given: the budget stop on the cost the CLI reports, a follow-up that resumes the
// CLI's own session (or, for one that cannot, a new launch with the work so far), a failing check sent back as a
// repair round, and the one stored key mapped to an engine passed as its variable alone.

import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { workspaceDataDir } from '../../../../../src/main/core/paths';
import type { ImplementRun, ImplementSettings, ImplementStarted, TranscriptEntry } from '../../../../../src/shared/types-implement';
import { cleanupOutsideTmp } from '../../launcher/launch-fixture';
import { processesNaming } from '../engines/stand-in';
import { claudeLines, digest, engineStandIn } from './engine-stand-in';
import { DRIVER_JS, FLEET_JS, KEY, configure, detail, filesBelow, keyForms, runEnd, waitFor, writeDesign, serviceSuite, type Core } from './service-fixture';

const suite = serviceSuite();
afterAll(() => cleanupOutsideTmp());

const FIXED = FLEET_JS.replace('a - b', 'a + b');
const notices = (entries: TranscriptEntry[]): string[] => entries.filter((e) => e.type === 'notice').map((e) => (e as { text: string }).text);

/** The run's end after its `n`th implementFinished event. */
function nthEnd(core: Core, runId: string, n: number): Promise<ImplementRun> {
  return waitFor(core, 20_000, `end ${n} of ${runId}`, () => {
    const ends = core.events.filter((e) => e.event === 'implementFinished' && (e.payload as ImplementRun).runId === runId);
    return ends.length >= n ? (ends[n - 1]!.payload as ImplementRun) : null;
  });
}

describe('agent CLI runs under a budget, in follow-ups and with keys', () => {
  it('stops the CLI once the cost it reports reaches the budget, saying the run may overshoot by one call, with nothing left running', async () => {
    const cli = engineStandIn('claude', { version: '2.1.0 (Claude Code)', launches: [{ edits: { 'api/src/fleet.js': FIXED }, lines: claudeLines('sess-b', 'Working.', 0.8), hang: true }] });
    const core = await suite.core({ env: cli.env });
    await configure(core, suite.server.baseUrl);
    await writeDesign(core, 'fleet-hub');
    const { runIds } = await core.ok<ImplementStarted>('startImplement', { modules: ['fleet-hub'], engine: 'claude-code', budgetUsd: 0.5 });
    const ended = await runEnd(core, runIds[0]!);
    expect(ended).toMatchObject({ state: 'review', stop: 'budget', costUsd: 0.8, changedFiles: 1, error: { code: 'BUDGET_EXCEEDED', data: { scope: 'batch' } } });
    expect(ended.error!.message).toContain('reached the budget of $0.50');
    expect(ended.error!.message).toContain('overshoot by at most one model call');
    expect(processesNaming(cli.bin)).toEqual([]);
  });

  it('gives runs working at once a share of the batch budget each, so together they cannot spend the whole remainder twice', async () => {
    const cli = engineStandIn('claude', { version: '2.1.0 (Claude Code)', launches: [{ edits: { 'api/src/fleet.js': FIXED }, lines: claudeLines('sess-s', 'Working.', 0.6), hang: true }] });
    const core = await suite.core({ env: cli.env });
    await configure(core, suite.server.baseUrl);
    await writeDesign(core, 'fleet-hub');
    await writeDesign(core, 'drivers-hub');
    const { runIds } = await core.ok<ImplementStarted>('startImplement', { modules: ['fleet-hub', 'drivers-hub'], engine: 'claude-code', budgetUsd: 1, concurrency: 2 });
    const ends = await Promise.all(runIds.map((id) => runEnd(core, id)));
    // Each was given $0.50 of the $1.00 (alone, each would have had the whole dollar and kept going at $0.60).
    for (const ended of ends) {
      expect(ended).toMatchObject({ stop: 'budget', costUsd: 0.6, error: { code: 'BUDGET_EXCEEDED' } });
      expect(ended.error!.message).toContain('reached the budget of $0.50');
    }
    expect(processesNaming(cli.bin)).toEqual([]);
  });

  it('sends a failing check back by resuming the session, and a follow-up resumes it with --resume and the instruction alone', async () => {
    const cli = engineStandIn('claude', {
      version: '2.1.0 (Claude Code)',
      launches: [
        { edits: { 'api/src/fleet.js': FLEET_JS.replace('a - b', 'a * b') }, lines: claudeLines('sess-1', 'Multiplied.', 0.01) },
        { edits: { 'api/src/fleet.js': FIXED }, lines: claudeLines('sess-1', 'Now it adds.', 0.02) },
        { edits: { 'api/src/driver.js': DRIVER_JS.replace('"hi "', '"hello "') }, lines: claudeLines('sess-1', 'Greets politely.', 0.03) },
      ],
    });
    const core = await suite.core({ env: cli.env });
    await configure(core, suite.server.baseUrl);
    await writeDesign(core, 'fleet-hub');
    const { runIds } = await core.ok<ImplementStarted>('startImplement', { modules: ['fleet-hub'], engine: 'claude-code' });
    const runId = runIds[0]!;
    const first = await nthEnd(core, runId, 1);
    expect(first).toMatchObject({ state: 'review', stop: 'finished', repairRounds: 1, check: { state: 'passed', round: 1 }, costUsd: 0.03 });
    const repaired = notices((await detail(core, runId)).transcript);
    expect(repaired.some((t) => t.includes('repair round 1 of') && t.includes('resuming its session'))).toBe(true);
    expect(repaired.some((t) => t.includes('"--resume","sess-1"'))).toBe(true);
    expect(repaired.some((t) => t.includes("STDIN \"The module's check failed after you ended"))).toBe(true);

    await core.ok<ImplementRun>('followUpRun', { runId, instruction: 'Greet politely.' });
    const second = await nthEnd(core, runId, 2);
    expect(second).toMatchObject({ state: 'review', changedFiles: 2, engineSession: 'sess-1', costUsd: 0.06 });
    const after = await detail(core, runId);
    expect(after.transcript.some((e) => e.type === 'instruction' && e.followUp && e.text === 'Greet politely.')).toBe(true);
    const said = notices(after.transcript).slice(repaired.length);
    expect(said).toContain('Claude Code continues its own session sess-1.');
    expect(said.some((t) => t.includes('"--resume","sess-1"'))).toBe(true);
    expect(said.some((t) => t.includes('STDIN "## Follow-up from the user\\nGreet politely.'))).toBe(true);
  });

  it('starts a custom engine anew on a follow-up with the work so far summarised, its cost unknown under a time cap', async () => {
    const cli = engineStandIn('my-agent', { version: '1.0', launches: [{ edits: { 'api/src/fleet.js': FIXED }, lines: ['Editing fleet.js.', 'Done: add() adds.'] }] }, []);
    const core = await suite.core({ env: cli.env });
    await configure(core, suite.server.baseUrl);
    await writeDesign(core, 'fleet-hub');
    const settings = await core.ok<ImplementSettings>('getImplementSettings');
    await core.ok('saveImplementSettings', { ...settings, customEngineTemplate: 'my-agent --task {prompt_file} --model {model}' });
    const { runIds } = await core.ok<ImplementStarted>('startImplement', { modules: ['fleet-hub'], engine: 'custom', maxMinutes: 3 });
    const runId = runIds[0]!;
    expect(await nthEnd(core, runId, 1)).toMatchObject({ state: 'review', engine: 'custom', costKnown: false, costUsd: 0, engineSession: null });
    await core.ok<ImplementRun>('followUpRun', { runId, instruction: 'Add a test.' });
    await nthEnd(core, runId, 2);
    const models = (await detail(core, runId)).transcript.filter((e) => e.type === 'model').map((e) => (e as { text: string }).text);
    // Plain output: the stand-in's stderr lines (how it was started) and stdout, as text; the second launch got the summary.
    const second = models.filter((t) => t.includes('PROMPT')).at(-1)!;
    expect(second).toContain('PROMPT "You are a software engineer');
    expect(second).toContain('"## Files"');
    expect(second).toContain('"## The work so far (this working copy already holds it)","## Follow-up from the user"]');
    const argv = models.filter((t) => t.includes('ARGV')).at(-1)!;
    expect(argv).toContain('"--task"');
    expect(models.some((t) => t.includes('Done: add() adds.'))).toBe(true);
    expect(notices((await detail(core, runId)).transcript)).toContain('Custom command starts anew on the same working copy, with the work so far summarised in its prompt.');
  });

  it('passes the stored key mapped to the engine as its variable alone, names it in the transcript, and records no key', async () => {
    const cli = engineStandIn('claude', { version: '2.1.0 (Claude Code)', launches: [{ edits: { 'api/src/fleet.js': FIXED }, lines: claudeLines('sess-k', 'Done.', 0.01) }], echoEnv: ['ANTHROPIC_API_KEY', 'LOOPBACK_API_KEY', 'OPENAI_API_KEY'] });
    const core = await suite.core({ env: { ...cli.env, OPENAI_API_KEY: 'sk-app-held-openai-0123456789' } });
    await configure(core, suite.server.baseUrl);
    await writeDesign(core, 'fleet-hub');
    const settings = await core.ok<ImplementSettings>('getImplementSettings');
    await core.ok('saveImplementSettings', { ...settings, engineKeys: { 'claude-code': { provider: 'loopback', variable: 'ANTHROPIC_API_KEY' } } });
    const { runIds } = await core.ok<ImplementStarted>('startImplement', { modules: ['fleet-hub'], engine: 'claude-code' });
    expect(await runEnd(core, runIds[0]!)).toMatchObject({ state: 'review' });
    const said = notices((await detail(core, runIds[0]!)).transcript);
    expect(said).toContain('Claude Code was given the stored key of Loopback test server as ANTHROPIC_API_KEY, and no other stored key.');
    expect(said).toContainEqual(expect.stringContaining(`ENV {"ANTHROPIC_API_KEY":"${digest(KEY)}","LOOPBACK_API_KEY":null,"OPENAI_API_KEY":null}`));
    // The run's records (transcript, run, conversation) and the events hold the key in no form.
    const stored = filesBelow(join(workspaceDataDir(core.appDataDir, core.repo), 'implement'));
    expect(stored.length).toBeGreaterThan(2);
    for (const form of keyForms(KEY)) {
      expect(JSON.stringify(core.events)).not.toContain(form);
      for (const file of stored) expect(file.text, file.path).not.toContain(form);
    }
  });
});
