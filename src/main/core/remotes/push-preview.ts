// The push dialog's preflight: per remote, what pushing each branch would do, from the refs the remote
// advertises now; offline (or refused) it falls back to the last fetched state and says so.

import { FleetError, toErrorPayload } from '../../../shared/errors';
import type { PushPreview, RemotePushPreview } from '../../../shared/types-remotes';
import type { Workspace } from '../workspace/workspace';
import { mapLimit } from './map-limit';
import { commitsMissingOnRemote } from './push-objects';
import { branchesToPush, planPush, type LocalBranch } from './push-plan';
import { discoverRefs } from './ref-advertisement';
import { listRemoteConfigs, requireRemoteConfig } from './remote-config';
import { resolveEndpoint, type RemoteServices } from './remote-endpoint';
import { redactUrl } from './remote-url';

async function previewRemote(workspace: Workspace, services: RemoteServices, name: string, branches: LocalBranch[]): Promise<RemotePushPreview> {
  const { repo } = workspace;
  const entry = await requireRemoteConfig(repo, name);
  let url = redactUrl(entry.pushUrl ?? entry.url);
  try {
    const endpoint = await resolveEndpoint(services, workspace.path, entry, 'push');
    url = endpoint.context.url;
    const advertised = await discoverRefs({ client: services.http, url: endpoint.url, service: 'git-receive-pack', headers: endpoint.headers, context: endpoint.context });
    const haves: string[] = [];
    for (const oid of new Set(advertised.refs.values())) if (await repo.hasObject(oid)) haves.push(oid);
    const plans = await planPush(
      repo,
      branches,
      (branch) => advertised.refs.get(`refs/heads/${branch}`) ?? null,
      async (tip) => (await commitsMissingOnRemote(repo, [tip], haves)).length,
    );
    return { remote: name, url, stale: false, error: null, branches: plans };
  } catch (error) {
    if (!(error instanceof FleetError)) throw error;
    // Plan from the remote-tracking refs instead: what we knew at the last fetch or push.
    const tracking = new Map<string, string | null>();
    for (const { branch } of branches) tracking.set(branch, await repo.resolveRef(`refs/remotes/${name}/${branch}`));
    const plans = await planPush(repo, branches, (branch) => tracking.get(branch) ?? null);
    return { remote: name, url, stale: true, error: toErrorPayload(error), branches: plans };
  }
}

/** What a push of `branches` (default: module and workspace branches) to `remotes` (default: all) would do. */
export async function previewPush(workspace: Workspace, services: RemoteServices, input: { remotes?: string[]; branches?: string[] }): Promise<PushPreview> {
  const branches = await branchesToPush(workspace, input.branches);
  const names = input.remotes ?? (await listRemoteConfigs(workspace.repo)).map((entry) => entry.name);
  return { remotes: await mapLimit(names, 3, (name) => previewRemote(workspace, services, name, branches)) };
}
