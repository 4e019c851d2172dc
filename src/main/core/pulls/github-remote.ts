// One remote as a GitHub repository to call: its host read from the address, the token from the remote's own
// credential (the same one push uses), and a client bound to both. Non-GitHub remotes and missing tokens are refused.

import { FleetError } from '../../../shared/errors';
import type { PullRequestRecord, PullRequestState } from '../../../shared/types-pulls';
import { resolveRemoteCredential } from '../remotes/credentials';
import { requireRemoteConfig, type RemoteConfigEntry } from '../remotes/remote-config';
import { parseRemoteUrl } from '../remotes/remote-url';
import type { SecretStore } from '../remotes/secret-store';
import type { Workspace } from '../workspace/workspace';
import { hostDisplayName } from './compare-link';
import { GitHubClient, type GitHubPull } from './github-client';
import type { GitHubCallContext } from './github-errors';
import { pullHostOf, pullHostSettings, type PullHost } from './pull-host';

/** What the pull-request calls need from the app: secrets, the environment (tokens, host settings), who we are. */
export interface PullServices {
  secrets: SecretStore;
  env: NodeJS.ProcessEnv;
  userAgent: string;
  fetch?: typeof fetch;
  now?: () => Date;
}

export interface GitHubRemote {
  remote: string;
  host: PullHost & { owner: string; name: string; apiBase: string };
  client: GitHubClient;
  /** The error context for an action on this repository. */
  context(action: string): GitHubCallContext;
}

/** The remote's address the pull request is opened on: the push URL when it differs, as that is where branches go. */
export function remoteAddress(entry: RemoteConfigEntry): string {
  return entry.pushUrl ?? entry.url;
}

/** The host of a configured remote (REMOTE_NOT_FOUND, SSH_UNSUPPORTED or INVALID_URL when it has none). */
export async function hostOfRemote(services: PullServices, workspace: Workspace, remote: string): Promise<{ entry: RemoteConfigEntry; host: PullHost }> {
  const entry = await requireRemoteConfig(workspace.repo, remote);
  return { entry, host: pullHostOf(remoteAddress(entry), pullHostSettings(services.env)) };
}

/** The GitHub repository behind `remote` with a client holding its token; UNSUPPORTED or TOKEN_MISSING otherwise. */
export async function gitHubRemote(services: PullServices, workspace: Workspace, remote: string, signal?: AbortSignal): Promise<GitHubRemote> {
  const { entry, host } = await hostOfRemote(services, workspace, remote);
  if (host.kind !== 'github' || !host.apiBase || !host.owner || !host.name) {
    throw new FleetError(
      'UNSUPPORTED',
      `"${remote}" is on ${hostDisplayName(host)}, not GitHub: Fleet Control opens pull requests through GitHub's API only. Use the link to ${hostDisplayName(host)}'s own page instead.`,
      { remote, host: host.kind },
    );
  }
  const parsed = parseRemoteUrl(remoteAddress(entry));
  const { credential } = await resolveRemoteCredential(services, workspace.path, remote, parsed);
  if (!credential) {
    throw new FleetError(
      'TOKEN_MISSING',
      `No token is set for "${remote}". Pull requests are opened with the remote's token through GitHub's API: set one in Remotes (a token with "Pull requests: read and write" on ${host.repository}).`,
      { remote },
    );
  }
  const githubHost = { ...host, owner: host.owner, name: host.name, apiBase: host.apiBase };
  return {
    remote,
    host: githubHost,
    client: new GitHubClient({ apiBase: host.apiBase, token: credential.password, userAgent: services.userAgent, fetch: services.fetch, signal }),
    context: (action) => ({ remote, repository: host.repository, action }),
  };
}

/** A pull request's state as the board shows it: merged and draft are read from merged_at and draft. */
export function pullState(pull: GitHubPull): PullRequestState {
  if (pull.merged_at) return 'merged';
  if (pull.state === 'closed') return 'closed';
  return pull.draft ? 'draft' : 'open';
}

/** The pull request's web address when it is http(s); a link the renderer shows must never run script. */
function webLink(pull: GitHubPull, gh: GitHubRemote): string {
  try {
    const url = new URL(pull.html_url);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.toString();
  } catch {
    // Not a URL: fall back to the repository's own page for it.
  }
  return `${gh.host.webUrl}/pull/${pull.number}`;
}

/** The record kept for a module's pull request; HOST_API_ERROR when the answer is not a pull request. */
export function recordOf(pull: GitHubPull, moduleId: string, gh: GitHubRemote, checkedAt: Date): PullRequestRecord {
  if (!Number.isInteger(pull?.number) || (pull.state !== 'open' && pull.state !== 'closed') || typeof pull.head?.ref !== 'string' || typeof pull.base?.ref !== 'string') {
    throw new FleetError('HOST_API_ERROR', `The server behind "${gh.remote}" answered with something that is not a GitHub pull request.`, { remote: gh.remote });
  }
  return {
    moduleId,
    remote: gh.remote,
    repository: gh.host.repository,
    number: pull.number,
    url: webLink(pull, gh),
    title: typeof pull.title === 'string' ? pull.title : '',
    state: pullState(pull),
    head: pull.head.ref,
    base: pull.base.ref,
    updatedAt: typeof pull.updated_at === 'string' ? pull.updated_at : checkedAt.toISOString(),
    checkedAt: checkedAt.toISOString(),
  };
}

/** Of several pull requests for one branch, the one to show: an open one first, then the newest. */
export function preferredPull(pulls: GitHubPull[]): GitHubPull | null {
  const rank = (pull: GitHubPull) => (pull.state === 'open' ? 1 : 0);
  return [...pulls].sort((a, b) => rank(b) - rank(a) || b.number - a.number)[0] ?? null;
}
