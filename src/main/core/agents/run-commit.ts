// Commits a run's reviewed draft to the module branch with the run's provenance in trailers (Fleet-Run,
// Fleet-Provider, Fleet-Model, Fleet-Prompt-Hash, Fleet-Tokens, Fleet-Cost, and whether the text was edited).

import { FleetError } from '../../../shared/errors';
import type { CommitResult } from '../../../shared/types';
import type { RunRecord } from '../../../shared/types-agents';
import { parseFrontMatter } from '../docs/front-matter';
import { outputHash } from './run-execute';
import type { WorkspaceAgents } from './workspace-agents';

/** The trailers of a commit made from `run`; `edited` when the committed text differs from what the run wrote. */
export function provenanceTrailers(run: RunRecord, edited: boolean): Record<string, string> {
  return {
    'Fleet-Run': run.runId,
    'Fleet-Provider': run.provider,
    'Fleet-Model': run.model,
    'Fleet-Prompt-Hash': run.promptHash ? `sha256:${run.promptHash}` : 'none',
    'Fleet-Tokens': `in=${run.tokensIn} out=${run.tokensOut}${run.usageReported ? '' : ' (estimated)'}`,
    'Fleet-Cost': `${run.costUsd.toFixed(6)} USD`,
    'Fleet-Edited': edited ? 'yes' : 'no',
  };
}

/** Commits `content` (default: the document's current draft) as the result of `runId`. */
export async function commitRun(agents: WorkspaceAgents, input: { runId: string; expectedTip: string; content?: string; message?: string }): Promise<CommitResult> {
  const run = agents.run(input.runId);
  if (run.state !== 'succeeded' && run.state !== 'failed') {
    throw new FleetError('INVALID_INPUT', `Run ${run.runId.slice(0, 8)} is ${run.state}; only a finished run's draft can be committed.`);
  }
  if (input.content === undefined) {
    // The draft holds the newest run's text: committing it under an older run's provenance would misattribute it.
    const later = agents.listRuns({ moduleId: run.moduleId }).runs.find((r) => r.kind === run.kind && r.runId !== run.runId && r.startedAt !== null && run.startedAt !== null && r.startedAt > run.startedAt);
    if (later) throw new FleetError('INVALID_INPUT', `A later run (${later.runId.slice(0, 8)}) has replaced this run's draft of ${run.moduleId} ${run.kind}: commit that run instead.`, { laterRunId: later.runId });
  }
  const content = input.content ?? (await agents.docs.getDraft(run.moduleId, run.kind))?.content;
  if (content === undefined) throw new FleetError('DOC_NOT_FOUND', `There is no draft of ${run.moduleId} ${run.kind} to commit: it was committed or discarded already.`);
  const edited = run.outputHash === null || outputHash(parseFrontMatter(content).body) !== run.outputHash;
  const module = agents.files.findModule(run.moduleId);
  const message = input.message?.trim() || `${module.title}: ${run.kind} drafted by ${run.provider}/${run.model}${edited ? ', reviewed and edited' : ''}`;
  const result = await agents.docs.commit({
    moduleId: run.moduleId,
    expectedTip: input.expectedTip,
    changes: [{ kind: run.kind, content }],
    message,
    trailers: provenanceTrailers(run, edited),
  });
  await agents.store.saveRun({ ...run, commit: result.commit });
  return result;
}
