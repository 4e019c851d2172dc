// Refreshing pull-request states from GitHub: one listing of the repository's pull requests (newest activity
// first, a few pages at most) matched to module branches, so pull requests opened on the website are found too;
// then one GET for each recorded pull request the listing did not reach. A remote that fails is reported, not fatal.

import { FleetError, toErrorPayload } from '../../../shared/errors';
import type { PullRequestRecord, RefreshPullRequestsResult } from '../../../shared/types-pulls';
import { listRemoteConfigs } from '../remotes/remote-config';
import type { Workspace } from '../workspace/workspace';
import { repoPath, type GitHubPull } from './github-client';
import { gitHubRemote, hostOfRemote, preferredPull, recordOf, type GitHubRemote, type PullServices } from './github-remote';
import type { PullRequestStore } from './pull-store';

const PAGE_SIZE = 100;
const MAX_PAGES = 3;

async function recentPulls(gh: GitHubRemote): Promise<GitHubPull[]> {
  const pulls: GitHubPull[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const query = new URLSearchParams({ state: 'all', sort: 'updated', direction: 'desc', per_page: String(PAGE_SIZE), page: String(page) });
    const batch = await gh.client.call<GitHubPull[]>('GET', `${repoPath(gh.host.owner, gh.host.name)}/pulls?${query}`, gh.context('read its pull requests'));
    if (!Array.isArray(batch)) throw new FleetError('HOST_API_ERROR', `The server behind "${gh.remote}" did not answer with a list of pull requests.`, { remote: gh.remote });
    pulls.push(...batch);
    if (batch.length < PAGE_SIZE) break;
  }
  return pulls;
}

/** The current records of one GitHub remote's module pull requests. */
async function refreshRemote(gh: GitHubRemote, workspace: Workspace, recorded: PullRequestRecord[], now: Date): Promise<PullRequestRecord[]> {
  const { manifest } = workspace;
  const moduleOfBranch = new Map(manifest.modules.map((m) => [`${manifest.branchPrefix}${m.id}`, m.id]));
  const fullName = gh.host.repository.toLowerCase();
  const byModule = new Map<string, GitHubPull[]>();
  for (const pull of await recentPulls(gh)) {
    const moduleId = moduleOfBranch.get(pull?.head?.ref);
    // A fork's branch of the same name is someone else's work, not the module branch.
    if (!moduleId || pull.head.repo?.full_name?.toLowerCase() !== fullName) continue;
    byModule.set(moduleId, [...(byModule.get(moduleId) ?? []), pull]);
  }
  for (const record of recorded) {
    if (byModule.get(record.moduleId)?.some((p) => p.number === record.number)) continue;
    const pull = await gh.client.call<GitHubPull>('GET', `${repoPath(gh.host.owner, gh.host.name)}/pulls/${record.number}`, gh.context(`read pull request #${record.number}`));
    byModule.set(record.moduleId, [...(byModule.get(record.moduleId) ?? []), pull]);
  }
  const records: PullRequestRecord[] = [];
  for (const [moduleId, pulls] of byModule) {
    const best = preferredPull(pulls);
    if (best) records.push(recordOf(best, moduleId, gh, now));
  }
  return records;
}

/** Refreshes the pull requests on `remote`, or on every GitHub remote; each remote's failure is reported beside the rest. */
export async function refreshPullRequests(services: PullServices, workspace: Workspace, store: PullRequestStore, remote?: string): Promise<RefreshPullRequestsResult> {
  const names = remote ? [remote] : await githubRemoteNames(services, workspace);
  const recorded = await store.list();
  const now = services.now?.() ?? new Date();
  const errors: RefreshPullRequestsResult['errors'] = [];
  const fresh: PullRequestRecord[] = [];
  for (const name of names) {
    try {
      const gh = await gitHubRemote(services, workspace, name);
      fresh.push(...(await refreshRemote(gh, workspace, recorded.filter((r) => r.remote === name), now)));
    } catch (error) {
      errors.push({ remote: name, error: toErrorPayload(error) });
    }
  }
  const pulls = fresh.length ? await store.save(fresh) : recorded;
  return { pulls, errors };
}

/** The remotes whose address is on GitHub (others have no API to ask). */
async function githubRemoteNames(services: PullServices, workspace: Workspace): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await listRemoteConfigs(workspace.repo)) {
    const host = await hostOfRemote(services, workspace, entry.name).then((r) => r.host, () => null);
    if (host?.kind === 'github') names.push(entry.name);
  }
  return names;
}
