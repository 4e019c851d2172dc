// "What failed, and how": a module branch's failing CI at a tip, read from the workspace's CI host (GitHub or Azure
// DevOps), with the instruction a repair run starts from. CI_NOT_FAILING when nothing fails there.

import { FleetError } from '../../../../shared/errors';
import type { CiFailureContext } from '../../../../shared/types-ci-repair';
import { redact } from '../../secrets/redactor';
import type { Workspace } from '../../workspace/workspace';
import { resolveCiHost, type CiServices } from '../ci-host';
import { azureFailures } from './azure-failures';
import { gitHubFailures } from './github-failures';
import { repairInstruction } from './repair-instruction';

export interface FailureContextRequest {
  moduleId: string;
  /** The remote whose CI is read; the push remote when absent. */
  remote?: string;
  /** The commit whose CI failed; the host's tip of the branch when absent. */
  tip?: string;
  signal?: AbortSignal;
}

/** The failing checks of a module branch at its host tip (or `tip`) with summaries, bounded redacted excerpts and the repair instruction. */
export async function buildFailureContext(services: CiServices, workspace: Workspace, request: FailureContextRequest): Promise<CiFailureContext> {
  const { manifest, repo } = workspace;
  const module = manifest.modules.find((m) => m.id === request.moduleId);
  if (!module) throw new FleetError('MODULE_NOT_FOUND', `There is no module "${request.moduleId}" in this workspace.`, { moduleId: request.moduleId });
  const branch = `${manifest.branchPrefix}${module.id}`;
  const localTip = await repo.resolveRef(`refs/heads/${branch}`);
  const host = await resolveCiHost(services, workspace, { remote: request.remote, signal: request.signal });
  const found = host.kind === 'github' ? await gitHubFailures(host, branch, { tip: request.tip, fetch: services.fetch, signal: request.signal }) : await azureFailures(host, branch, { tip: request.tip });
  if (found.checks.length === 0) {
    throw new FleetError('CI_NOT_FAILING', `No check of ${branch} fails on ${host.repository} at ${found.tip.slice(0, 10)}: there is nothing for an agent to repair.`, { moduleId: module.id, tip: found.tip });
  }
  const where = `${host.kind === 'github' ? 'GitHub' : 'Azure DevOps'} ${host.repository}`;
  const instruction = repairInstruction({ branch, tip: found.tip, where, checks: found.checks });
  const now = services.now?.() ?? new Date();
  return redact({ moduleId: module.id, branch, remote: host.remote, host: host.kind, repository: host.repository, tip: found.tip, localTip, checks: found.checks, instruction, readAt: now.toISOString() });
}
