// What the user does with a run's working copy in review: read both sides of a file, edit the right side, drop a
// file, discard the whole change, or accept it as one commit on the module branch (trailers say how it was made).

import { FleetError } from '../../../../shared/errors';
import type { ChangedFile, FileSides } from '../../../../shared/types-implement';
import type { Workspace } from '../../workspace/workspace';
import type { ImplementParts, WorkingCopyPort } from './parts';
import type { ImplementRunStore, StoredRun } from './run-store';

const REVIEWABLE = new Set(['review', 'failed', 'cancelled']);

export interface ReviewContext {
  workspace: Workspace;
  store: ImplementRunStore;
  copies: WorkingCopyPort;
  parts: ImplementParts;
  /** True while a loop of the run works (its working copy must not change under it). */
  isActive(runId: string): boolean;
}

/** The run, refused (RUN_NOT_REVIEWABLE) unless it rests with a working copy: in review, or failed or cancelled with changes kept. */
export function reviewable(context: ReviewContext, run: StoredRun): StoredRun & { startTip: string } {
  if (context.isActive(run.runId) || !REVIEWABLE.has(run.state)) {
    throw new FleetError('RUN_NOT_REVIEWABLE', `The run ${run.runId} is ${context.isActive(run.runId) ? 'still working' : run.state}; only a run that has finished with its working copy kept can be reviewed.`, { runId: run.runId, state: run.state });
  }
  if (!run.workingCopy || !run.startTip) {
    throw new FleetError('RUN_NOT_REVIEWABLE', `The run ${run.runId} has no working copy any more (it changed no file, or was discarded).`, { runId: run.runId, state: run.state });
  }
  return run as StoredRun & { startTip: string };
}

/** The changed files now, with the user's edits marked. */
export async function currentFiles(context: ReviewContext, run: StoredRun & { startTip: string }, editedPaths = run.editedPaths): Promise<ChangedFile[]> {
  const files = await context.copies.changes(run.startTip, context.copies.dir(run.runId));
  const edited = new Set(editedPaths);
  return files.map((f) => (edited.has(f.path) ? { ...f, editedByUser: true } : f));
}

export async function readRunFile(context: ReviewContext, run: StoredRun, path: string): Promise<FileSides> {
  const ready = reviewable(context, run);
  return context.copies.sides(ready.startTip, context.copies.dir(run.runId), path);
}

/** Writes the user's text for `path` into the working copy and records the path as edited by the user. */
export async function editRunFile(context: ReviewContext, run: StoredRun, path: string, content: string): Promise<StoredRun> {
  const ready = reviewable(context, run);
  await context.copies.writeUserEdit(context.copies.dir(run.runId), path, content);
  const editedPaths = [...new Set([...run.editedPaths, path])];
  const files = await currentFiles(context, ready, editedPaths);
  return save(context, { ...run, files, changedFiles: files.length, editedPaths });
}

/** Drops one file from the change: back to the start tip's content, or away when the run added it. */
export async function dropRunFile(context: ReviewContext, run: StoredRun, path: string): Promise<StoredRun> {
  const ready = reviewable(context, run);
  if (!run.files.some((f) => f.path === path || f.oldPath === path)) throw new FleetError('PATH_NOT_FOUND', `The run did not change ${path}.`, { runId: run.runId, path });
  await context.copies.revert(ready.startTip, context.copies.dir(run.runId), path);
  const editedPaths = run.editedPaths.filter((p) => p !== path);
  const files = await currentFiles(context, ready, editedPaths);
  return save(context, { ...run, files, changedFiles: files.length, editedPaths });
}

/** Removes the working copy; the record stays as 'discarded'. */
export async function discardRun(context: ReviewContext, run: StoredRun): Promise<StoredRun> {
  if (context.isActive(run.runId)) throw new FleetError('RUN_NOT_REVIEWABLE', `The run ${run.runId} is still working: cancel it first.`, { runId: run.runId, state: run.state });
  if (run.state === 'committed' || run.state === 'discarded') throw new FleetError('RUN_NOT_REVIEWABLE', `The run ${run.runId} is already ${run.state}.`, { runId: run.runId, state: run.state });
  if (run.state === 'queued') throw new FleetError('RUN_NOT_REVIEWABLE', `The run ${run.runId} has not started: cancel it instead.`, { runId: run.runId, state: run.state });
  await context.copies.remove(run.runId);
  await context.store.dropConversation(run.runId);
  return save(context, { ...run, state: 'discarded', workingCopy: false });
}

/** The provenance trailers of an accepted run. */
export function runTrailers(run: StoredRun): Record<string, string> {
  return {
    'Fleet-Run': run.runId,
    'Fleet-Engine': run.engine,
    // Provider and model apart, as document runs write them (the reports read both).
    'Fleet-Provider': run.provider,
    // A CLI engine run without a model named used the CLI's own default.
    'Fleet-Model': run.model || 'default',
    'Fleet-Tokens-In': String(run.tokensIn),
    'Fleet-Tokens-Out': String(run.tokensOut),
    'Fleet-Cost': run.costKnown === false ? 'unknown' : `${run.costUsd.toFixed(6)} USD`,
    'Fleet-Turns': String(run.turns),
    'Fleet-Check': run.check?.state ?? 'not-run',
    'Fleet-Edited': run.editedPaths.length > 0 ? 'yes' : 'no',
    ...(run.engineVersion ? { 'Fleet-Engine-Version': run.engineVersion } : {}),
    // A repair of a failing CI run: the commit CI failed on, where, and which checks.
    ...(run.ciRepair ? { 'Fleet-CI-Repair': `${run.ciRepair.tip} ${run.ciRepair.remote} ${run.ciRepair.checks.join(', ').replace(/\s+/g, ' ').slice(0, 300)}${run.ciRepair.auto ? ' (automatic)' : ''}` } : {}),
  };
}

/** Commits the change on the module branch (merged three ways when it moved); the working copy goes once committed. */
export async function acceptRun(context: ReviewContext, run: StoredRun, message: string | undefined): Promise<StoredRun> {
  const ready = reviewable(context, run);
  const files = await currentFiles(context, ready);
  if (files.length === 0) throw new FleetError('RUN_NOT_REVIEWABLE', `The run ${run.runId} has no change to accept (it changed no file, or every file was dropped).`, { runId: run.runId });
  const subject = message?.trim() || `${run.ciRepair ? 'Fix CI of' : 'Implement'} ${run.moduleId}${run.summary ? `: ${run.summary.split('\n')[0]!.slice(0, 120)}` : ''}`;
  const result = await context.parts.accept({
    workspace: context.workspace,
    moduleId: run.moduleId,
    startTip: ready.startTip,
    dir: context.copies.dir(run.runId),
    files,
    message: subject,
    trailers: runTrailers(run),
  });
  const committed = await save(context, { ...run, state: 'committed', commit: result.commit, files, changedFiles: files.length, workingCopy: false });
  await context.copies.remove(run.runId);
  await context.store.dropConversation(run.runId);
  return committed;
}

async function save(context: ReviewContext, run: StoredRun): Promise<StoredRun> {
  await context.store.saveRun(run);
  return run;
}
