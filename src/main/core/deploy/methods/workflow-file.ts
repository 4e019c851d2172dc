// A GitHub Actions workflow file as the target commit holds it: it must exist, parse, have a workflow_dispatch
// trigger, and accept the environment's inputs (every required input without a default given, no unknown ones).

import { FleetError } from '../../../../shared/errors';
import type { Workspace } from '../../workspace/workspace';

/** `.github/workflows/<file>` for a bare file name, else the path as given. */
export function workflowPath(workflow: string): string {
  return workflow.startsWith('.github/workflows/') ? workflow : `.github/workflows/${workflow}`;
}

interface DispatchInput {
  required?: unknown;
  default?: unknown;
}

/** The workflow_dispatch trigger's inputs, or null when the workflow has no such trigger. */
function dispatchTrigger(document: unknown): Record<string, DispatchInput> | null {
  if (typeof document !== 'object' || document === null) return null;
  const doc = document as Record<string, unknown>;
  // YAML 1.1 readers turn a bare `on` key into true; accept both spellings.
  const on = doc.on ?? doc.true;
  if (on === 'workflow_dispatch') return {};
  if (Array.isArray(on)) return on.includes('workflow_dispatch') ? {} : null;
  if (typeof on !== 'object' || on === null || !('workflow_dispatch' in on)) return null;
  const trigger = (on as Record<string, unknown>).workflow_dispatch;
  const inputs = typeof trigger === 'object' && trigger !== null ? (trigger as { inputs?: unknown }).inputs : undefined;
  return typeof inputs === 'object' && inputs !== null ? (inputs as Record<string, DispatchInput>) : {};
}

/** Checks the workflow file at `commit` of `branch` and the inputs the environment passes; a FleetError naming the problem. */
export async function checkWorkflowFile(workspace: Workspace, branch: string, commit: string, workflow: string, inputs: Record<string, string>): Promise<void> {
  const path = workflowPath(workflow);
  const { repo } = workspace;
  const entry = await repo.entryAtPath((await repo.readCommit(commit)).tree, path);
  const at = `${branch} (${commit.slice(0, 7)})`;
  if (!entry || entry.type !== 'blob') {
    throw new FleetError('WORKFLOW_NOT_FOUND', `The workflow file ${path} does not exist on ${at}. Add it there, or correct the environment's workflow.`, { workflow: path, branch, commit });
  }
  const { parse } = await import('yaml');
  let document: unknown;
  try {
    document = parse((await repo.readBlob(entry.oid, path)).toString('utf8'));
  } catch (error) {
    throw new FleetError('WORKFLOW_NOT_DISPATCHABLE', `The workflow file ${path} on ${at} is not valid YAML: ${(error as Error).message.split('\n')[0]}`, { workflow: path, branch });
  }
  const declared = dispatchTrigger(document);
  if (!declared) {
    throw new FleetError('WORKFLOW_NOT_DISPATCHABLE', `The workflow ${path} on ${at} has no workflow_dispatch trigger, so it cannot be started for a deploy. Add "on: workflow_dispatch" to it.`, { workflow: path, branch });
  }
  const unknown = Object.keys(inputs).filter((name) => !(name in declared));
  if (unknown.length > 0) {
    throw new FleetError('INVALID_INPUT', `The workflow ${path} on ${at} declares no input ${unknown.join(', ')}; its inputs are: ${Object.keys(declared).join(', ') || 'none'}.`, { workflow: path, inputs: unknown });
  }
  const missing = Object.entries(declared)
    .filter(([name, input]) => input?.required === true && input.default === undefined && !(name in inputs))
    .map(([name]) => name);
  if (missing.length > 0) {
    throw new FleetError('INVALID_INPUT', `The workflow ${path} requires the input ${missing.join(', ')}: add it to the environment's inputs.`, { workflow: path, inputs: missing });
  }
}
