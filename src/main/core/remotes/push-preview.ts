// The push dialog's preflight: per remote, what pushing each branch would do, from the refs the remote
// advertises now; offline (or refused) it falls back to the last fetched state and says so.

import { FleetError, toErrorPayload } from '../../../shared/errors';
import type { BranchPushPlan, PushPreview, RemotePushPreview } from '../../../shared/types-remotes';
import type { Workspace } from '../workspace/workspace';
import { mapLimit } from './map-limit';
import { commitsMissingOnRemote } from './push-objects';
import { branchesToPush, planPush, type LocalBranch } from './push-plan';
import { discoverRefs } from './ref-advertisement';
import { listRemoteConfigs, requireRemoteConfig } from './remote-config';
import { resolveEndpoint, type RemoteServices } from './remote-endpoint';
import { redactUrl } from './remote-url';
import { integrationBranchOf } from '../merge/targets';

/** The commits the remote lacks for every branch that sends some, walked once; `haves` are its tips this repository holds. */
async function countMissing(repo: Workspace['repo'], plans: BranchPushPlan[], haves: string[]): Promise<number> {
  const tips = plans.filter((p) => p.action === 'create' || p.action === 'fast-forward').map((p) => p.localTip);
  return tips.length === 0 ? 0 : (await commitsMissingOnRemote(repo, tips, haves)).length;
}

async function presentOids(repo: Workspace['repo'], oids: Iterable<string | null>): Promise<string[]> {
  const present: string[] = [];
  for (const oid of new Set(oids)) if (oid && (await repo.hasObject(oid))) present.push(oid);
  return present;
}

async function previewRemote(workspace: Workspace, services: RemoteServices, name: string, branches: LocalBranch[], base: LocalBranch | null): Promise<RemotePushPreview> {
  const { repo } = workspace;
  const entry = await requireRemoteConfig(repo, name);
  let url = redactUrl(entry.pushUrl ?? entry.url);
  try {
    const endpoint = await resolveEndpoint(services, workspace.path, entry, 'push');
    url = endpoint.context.url;
    const advertised = await discoverRefs({ client: services.http, url: endpoint.url, service: 'git-receive-pack', headers: endpoint.headers, context: endpoint.context });
    const haves = await presentOids(repo, advertised.refs.values());
    const plans = await planPush(
      repo,
      branches,
      (branch) => advertised.refs.get(`refs/heads/${branch}`) ?? null,
      async (tip) => (await commitsMissingOnRemote(repo, [tip], haves)).length,
      base,
    );
    return { remote: name, url, stale: false, error: null, branches: plans, commitsToSend: await countMissing(repo, plans, haves) };
  } catch (error) {
    if (!(error instanceof FleetError)) throw error;
    // Plan from the remote-tracking refs instead: what we knew at the last fetch or push.
    const tracking = new Map<string, string | null>();
    for (const { branch } of branches) tracking.set(branch, await repo.resolveRef(`refs/remotes/${name}/${branch}`));
    // What the remote held of these branches and of the base at the last fetch is what it need not be sent.
    const trackedBase = base ? await repo.resolveRef(`refs/remotes/${name}/${base.branch}`) : null;
    const haves = await presentOids(repo, [...tracking.values(), trackedBase]);
    const plans = await planPush(repo, branches, (branch) => tracking.get(branch) ?? null, async (tip) => (await commitsMissingOnRemote(repo, [tip], haves)).length, base);
    return { remote: name, url, stale: true, error: toErrorPayload(error), branches: plans, commitsToSend: await countMissing(repo, plans, haves) };
  }
}

/** What a push of `branches` (default: module and workspace branches) to `remotes` (default: all) would do. */
export async function previewPush(workspace: Workspace, services: RemoteServices, input: { remotes?: string[]; branches?: string[] }): Promise<PushPreview> {
  const branches = await branchesToPush(workspace, input.branches);
  const baseName = workspace.manifest.baseBranch;
  const baseTip = await workspace.repo.resolveRef(`refs/heads/${baseName}`);
  const base = baseTip ? { branch: baseName, tip: baseTip } : null;
  const names = input.remotes ?? (await listRemoteConfigs(workspace.repo)).map((entry) => entry.name);
  const integrationBranch = integrationBranchOf(workspace.manifest);
  const integration = branches.some((b) => b.branch === integrationBranch) ? { branch: integrationBranch, base: baseName } : null;
  return { remotes: await mapLimit(names, 3, (name) => previewRemote(workspace, services, name, branches, base)), integration };
}
