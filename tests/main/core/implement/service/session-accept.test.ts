import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImplementBatchProgress, ImplementProgress, ImplementRun, ImplementStarted, TranscriptEntry } from '../../../../../src/shared/types-implement';
import { workspaceDataDir } from '../../../../../src/main/core/paths';
import { git } from '../../../../helpers/git';
import { call, toolSession } from '../../../../helpers/provider-servers';
import {
  CHECK_SCRIPT,
  KEY,
  batchEnd,
  configure,
  detail,
  filesBelow,
  keyForms,
  runEnd,
  streamedEntries,
  workTreeSnapshot,
  writeDesign,
  SDKS_INSTALLED,
  serviceSuite,
} from './service-fixture';

const suite = serviceSuite();

/** The whole session a good model has: read, a wrong fix, the check fails, the right fix, the check passes, finish. */
const FIX_SESSION = toolSession([
  { text: 'Reading the code first.', calls: [call('read_file', { path: 'api/src/fleet.js' })], tokensIn: 1200, tokensOut: 40 },
  { calls: [call('edit_file', { path: 'api/src/fleet.js', old_text: 'return a - b;', new_text: 'return a * b;' })], tokensIn: 1400, tokensOut: 60 },
  { calls: [call('run_check', {})], tokensIn: 1500, tokensOut: 20 },
  (context) => ({ reasoning: 'The check says it subtracts or multiplies.', calls: [call('edit_file', { path: 'api/src/fleet.js', old_text: 'return a * b;', new_text: 'return a + b;' })], text: context.lastResults[0]?.content.includes('FAIL') ? 'The check failed; fixing.' : 'Unexpected.', tokensIn: 1700, tokensOut: 60 }),
  { calls: [call('run_check', {})], tokensIn: 1800, tokensOut: 20 },
  { calls: [call('finish', { summary: 'add() now adds its arguments.' })], tokensIn: 1900, tokensOut: 30 },
]);

describe.skipIf(!SDKS_INSTALLED)('an implementation run from the first turn to the commit', () => {
  it('runs a scripted session in a working copy, checks and repairs, then accept commits exactly the edit with trailers', async () => {
    const core = await suite.core();
    await configure(core, suite.server.baseUrl);
    await writeDesign(core, 'fleet-hub');
    const userTree = workTreeSnapshot(core.repo);
    const startTip = git(core.repo, 'rev-parse', 'module/fleet-hub');
    suite.server.session = FIX_SESSION;

    const started = await core.ok<ImplementStarted>('startImplement', { modules: ['fleet-hub'], provider: 'loopback', budgetUsd: 5 });
    expect(started.runIds).toHaveLength(1);
    const runId = started.runIds[0]!;
    const ended = await runEnd(core, runId);
    expect(ended).toMatchObject({ state: 'review', stop: 'finished', moduleId: 'fleet-hub', startTip, workingCopy: true, changedFiles: 1, turns: 6, toolCalls: 6, summary: 'add() now adds its arguments.' });
    expect(ended.check).toMatchObject({ state: 'passed', exitCode: 0 });
    expect(ended.tokensIn).toBe(1200 + 1400 + 1500 + 1700 + 1800 + 1900);
    expect(ended.costUsd).toBeCloseTo((ended.tokensIn * 2 + ended.tokensOut * 10) / 1e6, 9);
    expect((await batchEnd(core, started.batchId)) as ImplementBatchProgress).toMatchObject({ state: 'finished', total: 1, done: 1, running: 0 });

    // The transcript, live and stored: numbered in order, the failing check seen by the model, then the passing one.
    const run = await detail(core, runId);
    const seqs = run.transcript.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(run.transcript[0]).toMatchObject({ type: 'instruction', followUp: false });
    const tools = run.transcript.filter((e): e is Extract<TranscriptEntry, { type: 'tool' }> => e.type === 'tool');
    expect(tools.map((t) => t.tool)).toEqual(['read_file', 'edit_file', 'run_check', 'edit_file', 'run_check', 'finish']);
    expect(tools[2]!.result).toMatch(/failed/);
    expect(tools[2]!.result).toContain('FAIL: fleet add subtracts');
    expect(tools[4]!.result).toContain('check: passed');
    expect(run.transcript.some((e) => e.type === 'check' && e.state === 'passed')).toBe(true);
    expect(streamedEntries(core, runId).map((e) => e.seq)).toEqual(seqs);
    expect(run.files).toEqual([expect.objectContaining({ path: 'api/src/fleet.js', status: 'modified', additions: 1, deletions: 1 })]);
    const sides = await core.ok<{ before: string; after: string }>('readRunFile', { runId, path: 'api/src/fleet.js' });
    expect(sides.before).toBe(readFileSync(join(core.repo, 'api/src/fleet.js'), 'utf8'));
    expect(sides.after).toBe('export function add(a, b) {\n  return a + b;\n}\n');
    const copy = join(workspaceDataDir(core.appDataDir, core.repo), 'working-copies', runId);
    expect(existsSync(copy)).toBe(true);

    const card = async (): Promise<{ implementation: string }> => (await core.ok<{ modules: Array<{ id: string; implementation: string }> }>('getBoard')).modules.find((m) => m.id === 'fleet-hub')!;
    expect((await card()).implementation).toBe('review');

    // Accept: one commit on the module branch, parent = the start tip, tree = the start tree plus the edit.
    const accepted = await core.ok<ImplementRun>('acceptRun', { runId });
    expect(accepted).toMatchObject({ state: 'committed', workingCopy: false });
    const commit = git(core.repo, 'rev-parse', 'module/fleet-hub');
    expect(accepted.commit).toBe(commit);
    expect(git(core.repo, 'rev-parse', `${commit}^`)).toBe(startTip);
    expect(git(core.repo, 'diff', '--name-status', startTip, commit)).toBe('M\tapi/src/fleet.js');
    expect(git(core.repo, 'show', `${commit}:api/src/fleet.js`)).toBe('export function add(a, b) {\n  return a + b;\n}');
    expect(git(core.repo, 'show', `${commit}:check.sh`)).toBe(CHECK_SCRIPT.trimEnd());
    const trailers = git(core.repo, 'log', '-1', '--format=%(trailers:only,unfold)', commit);
    expect(trailers).toContain(`Fleet-Run: ${runId}`);
    expect(trailers).toContain('Fleet-Engine: builtin');
    expect(trailers).toContain('Fleet-Provider: loopback');
    expect(trailers).toContain('Fleet-Model: test-model');
    expect(trailers).toContain('Fleet-Edited: no');
    expect(trailers).toContain(`Fleet-Tokens-In: ${ended.tokensIn}`);
    expect(trailers).toContain(`Fleet-Tokens-Out: ${ended.tokensOut}`);
    expect(trailers).toContain('Fleet-Turns: 6');
    expect(trailers).toContain('Fleet-Check: passed');
    expect(trailers).toMatch(/Fleet-Cost: 0\.0\d+ USD/);
    git(core.repo, 'fsck', '--no-progress');
    expect((await card()).implementation).toBe('committed');
    // The reports count the implementation run's cost with the document runs' (there are none here).
    const report = await core.ok<{ html: string }>('exportHtmlReport');
    expect(report.html).toMatch(/All modules<\/th><td class="num">1<\/td><td class="num">\$0\.0\d+<\/td>/);

    // The user's clone never moved, and the working copy is gone.
    expect(workTreeSnapshot(core.repo)).toEqual(userTree);
    expect(existsSync(copy)).toBe(false);
    expect(core.events.some((e) => e.event === 'boardChanged' && (e.payload as { reason: string }).reason === 'implement')).toBe(true);

    // No event and no record holds the key in any form.
    const shown = JSON.stringify(core.events);
    const stored = filesBelow(join(workspaceDataDir(core.appDataDir, core.repo), 'implement'));
    expect(stored.length).toBeGreaterThan(2);
    for (const form of keyForms(KEY)) {
      expect(shown).not.toContain(form);
      for (const file of stored) expect(file.text, file.path).not.toContain(form);
    }
    const progress = core.events.filter((e) => e.event === 'implementProgress').map((e) => e.payload as ImplementProgress);
    expect(progress.length).toBeGreaterThan(2);
  });
});
