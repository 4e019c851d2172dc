// The deployment log on the workspace branch: one JSON file per deploy (.fleet/deployments/<env>/<utc-time>-<id>.json),
// committed by compare-and-swap without a checkout. Each deploy adds its own new file, so when the branch moved
// meanwhile (another deploy, a document commit) the record is simply committed again on the new tip.

import { z } from 'zod';
import { FleetError } from '../../../shared/errors';
import type { DeploymentRecord } from '../../../shared/types-deploy';
import { commitDocuments } from '../docs/commit-docs';
import type { Workspace } from '../workspace/workspace';

/** Where the log lives on the workspace branch. */
export const DEPLOYMENTS_FOLDER = '.fleet/deployments';
const ATTEMPTS = 8;

const RecordSchema = z.object({
  version: z.literal(1),
  id: z.string().min(1).max(64),
  environment: z.string().min(1).max(64),
  method: z.enum(['github-actions', 'azure-pipelines', 'command']),
  by: z.string().max(400),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number().nonnegative(),
  branch: z.string().max(300),
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  modules: z.array(z.string().max(64)).max(1000),
  outcome: z.enum(['succeeded', 'failed', 'cancelled', 'timed-out', 'error']),
  message: z.string().max(4000).nullable(),
  link: z.string().max(2000).nullable(),
});

/** The record's file: the start time in UTC (sortable, no colons) and the deploy's id. */
export function recordPath(record: Pick<DeploymentRecord, 'environment' | 'startedAt' | 'id'>): string {
  const time = record.startedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${DEPLOYMENTS_FOLDER}/${record.environment}/${time}-${record.id}.json`;
}

/** Commits the record as its own new file on the workspace branch; retried on a moved branch. */
export async function commitDeploymentRecord(workspace: Workspace, record: DeploymentRecord): Promise<{ file: string; commit: string }> {
  const branch = workspace.manifest.workspaceBranch;
  const file = recordPath(record);
  const { file: _omit, ...stored } = record;
  void _omit;
  const content = `${JSON.stringify(stored, null, 2)}\n`;
  const message = `Deploy ${record.environment}: ${record.outcome} (${record.commit.slice(0, 7)})`;
  for (let attempt = 1; ; attempt++) {
    workspace.repo.invalidateRefs();
    const tip = await workspace.repo.resolveRef(`refs/heads/${branch}`);
    if (!tip) throw new FleetError('NOT_INITIALISED', `The workspace branch ${branch} does not exist, so the deploy could not be recorded.`, { branch });
    try {
      const result = await commitDocuments(workspace.repo, {
        branch,
        expectedTip: tip,
        changes: [{ path: file, content }],
        message,
        trailers: { 'Fleet-Deploy': record.id, 'Fleet-Environment': record.environment, 'Fleet-Outcome': record.outcome },
      });
      return { file, commit: result.commit };
    } catch (error) {
      // Another writer got in between reading the tip and moving the ref: our file is new, so try on the new tip.
      if (error instanceof FleetError && error.code === 'BRANCH_MOVED' && attempt < ATTEMPTS) continue;
      throw error;
    }
  }
}

/** Every record on the workspace branch (one environment's, or all), newest first; unreadable files are skipped. */
export async function readDeploymentRecords(workspace: Workspace, environment?: string): Promise<DeploymentRecord[]> {
  const { repo } = workspace;
  const tip = await repo.resolveRef(`refs/heads/${workspace.manifest.workspaceBranch}`);
  if (!tip) return [];
  const root = await repo.entryAtPath((await repo.readCommit(tip)).tree, DEPLOYMENTS_FOLDER);
  if (!root || root.type !== 'tree') return [];
  const records: DeploymentRecord[] = [];
  for (const folder of await repo.readTree(root.oid)) {
    if (folder.type !== 'tree' || (environment !== undefined && folder.path !== environment)) continue;
    for (const entry of await repo.readTree(folder.oid)) {
      if (entry.type !== 'blob' || !entry.path.endsWith('.json')) continue;
      const file = `${DEPLOYMENTS_FOLDER}/${folder.path}/${entry.path}`;
      try {
        const parsed = RecordSchema.safeParse(JSON.parse((await repo.readBlob(entry.oid, file)).toString('utf8')));
        // A record filed under another environment's folder is not believed.
        if (parsed.success && parsed.data.environment === folder.path) records.push({ ...parsed.data, file });
      } catch {
        // A damaged or hand-edited file is left out rather than failing the whole log.
      }
    }
  }
  return records.sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id));
}
