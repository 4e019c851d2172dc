import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImplementRun, ImplementRunDetail, ImplementStarted } from '../../../../../src/shared/types-implement';
import { workspaceDataDir } from '../../../../../src/main/core/paths';
import { git, makeTempDir, writeFiles } from '../../../../helpers/git';
import { call, toolSession } from '../../../../helpers/provider-servers';
import { configure, detail, runEnd, waitFor, workTreeSnapshot, writeDesign, type Core, SDKS_INSTALLED, serviceSuite } from './service-fixture';

const suite = serviceSuite();

const FIXED = 'export function add(a, b) {\n  return a + b;\n}\n';
const EDIT = call('edit_file', { path: 'api/src/fleet.js', old_text: 'return a - b;', new_text: 'return a + b;' });
const copyOf = (core: Core, runId: string): string => join(workspaceDataDir(core.appDataDir, core.repo), 'working-copies', runId);

async function setUp(): Promise<Core> {
  const core = await suite.core();
  await configure(core, suite.server.baseUrl);
  await writeDesign(core, 'fleet-hub');
  return core;
}

/** A run that fixes add(), writes a scratch file and finishes; resolves once it is in review. */
async function runToReview(core: Core): Promise<ImplementRun> {
  suite.server.session = toolSession([
    { calls: [EDIT, call('write_file', { path: 'api/src/scratch.js', content: 'export const scratch = 1;\n' })] },
    { calls: [call('finish', { summary: 'fixed' })] },
    (context) => ({ calls: [call('edit_file', { path: 'api/src/fleet.js', old_text: '}\n', new_text: `}\n\n// ${context.lastUserText.slice(0, 40)}\n` })] }),
    { calls: [call('finish', { summary: 'followed up' })] },
  ]);
  const started = await core.ok<ImplementStarted>('startImplement', { modules: ['fleet-hub'], provider: 'loopback' });
  const run = await runEnd(core, started.runIds[0]!);
  expect(run).toMatchObject({ state: 'review', changedFiles: 2 });
  return run;
}

/** Commits `files` on module/fleet-hub with the git CLI in a worktree of its own (a teammate's push, say); returns the new tip. */
function commitOnModuleBranch(repo: string, files: Record<string, string>): string {
  const worktree = join(makeTempDir('fleet-impl-wt-'), 'wt');
  git(repo, 'worktree', 'add', '-q', worktree, 'module/fleet-hub');
  writeFiles(worktree, files);
  git(worktree, 'add', '-A');
  git(worktree, 'commit', '-q', '-m', 'meanwhile');
  const tip = git(worktree, 'rev-parse', 'HEAD');
  git(repo, 'worktree', 'remove', '--force', worktree);
  return tip;
}

describe.skipIf(!SDKS_INSTALLED)('review: follow-up, edits, drops, discard and accept onto a moved branch', () => {
  it('continues a run in review with the same conversation and working copy', async () => {
    const core = await setUp();
    const run = await runToReview(core);
    const before = suite.server.requests.length;
    const followed = await core.ok<ImplementRun>('followUpRun', { runId: run.runId, instruction: 'Add a comment saying it was reviewed.' });
    expect(followed.runId).toBe(run.runId);
    await waitFor(core, 20_000, 'the follow-up to end', () => {
      const ends = core.events.filter((e) => e.event === 'implementFinished' && (e.payload as ImplementRun).runId === run.runId);
      return ends.length >= 2 ? ends.at(-1)!.payload : null;
    });
    const after = await detail(core, run.runId);
    expect(after).toMatchObject({ state: 'review', stop: 'finished', turns: 4, summary: 'followed up', workingCopy: true });
    // The follow-up's first request carried the whole earlier conversation and then the new instruction.
    const request = suite.server.requests[before]!;
    const sent = JSON.stringify(request.body.messages);
    expect(sent).toContain('scratch.js');
    expect(sent).toContain('Add a comment saying it was reviewed.');
    expect(after.transcript.filter((e) => e.type === 'instruction').map((e) => (e as { followUp: boolean }).followUp)).toEqual([false, true]);
    expect(readFileSync(join(copyOf(core, run.runId), 'api/src/fleet.js'), 'utf8')).toBe(`${FIXED}\n// Add a comment saying it was reviewed.\n`);
    expect(after.transcript.map((e) => e.seq)).toEqual(after.transcript.map((_, i) => i + 1));
  });

  it('edits the right side, drops a file, and accepts only what is left onto a branch that moved meanwhile (three-way)', async () => {
    const core = await setUp();
    const run = await runToReview(core);
    const userTree = workTreeSnapshot(core.repo);
    const edited = await core.ok<ImplementRunDetail>('editRunFile', { runId: run.runId, path: 'api/src/fleet.js', content: `${FIXED}// checked by hand\n` });
    expect(edited.files.find((f) => f.path === 'api/src/fleet.js')).toMatchObject({ editedByUser: true });
    const dropped = await core.ok<ImplementRunDetail>('dropRunFile', { runId: run.runId, path: 'api/src/scratch.js' });
    expect(dropped.files.map((f) => f.path)).toEqual(['api/src/fleet.js']);
    expect(existsSync(join(copyOf(core, run.runId), 'api/src/scratch.js'))).toBe(false);

    const moved = commitOnModuleBranch(core.repo, { 'api/src/driver.js': 'export function greet(name) {\n  return "hello " + name;\n}\n' });
    const accepted = await core.ok<ImplementRun>('acceptRun', { runId: run.runId, message: 'Fix add()' });
    expect(accepted.state).toBe('committed');
    const commit = git(core.repo, 'rev-parse', 'module/fleet-hub');
    expect(git(core.repo, 'rev-parse', `${commit}^`)).toBe(moved);
    expect(git(core.repo, 'show', `${commit}:api/src/fleet.js`)).toBe(`${FIXED}// checked by hand`);
    expect(git(core.repo, 'show', `${commit}:api/src/driver.js`)).toContain('hello');
    expect(git(core.repo, 'ls-tree', '-r', '--name-only', commit)).not.toContain('scratch.js');
    expect(git(core.repo, 'log', '-1', '--format=%s%n%(trailers:only,unfold)', commit)).toMatch(/^Fix add\(\)\n[\s\S]*Fleet-Edited: yes/);
    expect(workTreeSnapshot(core.repo)).toEqual(userTree);
    expect(existsSync(copyOf(core, run.runId))).toBe(false);
  });

  it('keeps the run in review when accept meets a conflict, and discard removes its working copy', async () => {
    const core = await setUp();
    const run = await runToReview(core);
    const moved = commitOnModuleBranch(core.repo, { 'api/src/fleet.js': 'export function add(a, b) {\n  return b + a + 0;\n}\n' });
    const conflict = await core.fails('acceptRun', { runId: run.runId });
    expect(conflict.code).toBe('MERGE_CONFLICT');
    expect(git(core.repo, 'rev-parse', 'module/fleet-hub')).toBe(moved);
    expect(await detail(core, run.runId)).toMatchObject({ state: 'review', workingCopy: true });

    const discarded = await core.ok<ImplementRun>('discardRun', { runId: run.runId });
    expect(discarded).toMatchObject({ state: 'discarded', workingCopy: false });
    expect(existsSync(copyOf(core, run.runId))).toBe(false);
    expect((await core.fails('acceptRun', { runId: run.runId })).code).toBe('RUN_NOT_REVIEWABLE');
    expect((await core.fails('followUpRun', { runId: run.runId, instruction: 'more' })).code).toBe('RUN_NOT_REVIEWABLE');
  });
});
