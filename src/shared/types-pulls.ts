// Plain data about pull requests and compare links that crosses the boundary. Tokens never appear here: the
// records are what the host showed publicly about a pull request (number, link, state).

import type { FleetErrorPayload } from './errors';

/** What a pull request is now: `draft` is open but marked as a draft; `merged` is closed by a merge. */
export type PullRequestState = 'open' | 'draft' | 'closed' | 'merged';

/** The kinds of hosts the app knows; only GitHub has an API client, the others get a compare link. */
export type PullHostKind = 'github' | 'gitlab' | 'bitbucket' | 'bitbucket-server' | 'azure-devops' | 'generic';

/** One module's pull request on one remote, as last seen on the host. */
export interface PullRequestRecord {
  moduleId: string;
  remote: string;
  /** owner/repo on the host. */
  repository: string;
  number: number;
  url: string;
  title: string;
  state: PullRequestState;
  /** The branch the pull request merges (module/<id>) and the branch it merges into. */
  head: string;
  base: string;
  /** The host's own last change of the pull request (ISO). */
  updatedAt: string;
  /** When Fleet Control last asked the host about it (ISO). */
  checkedAt: string;
}

/** What openPullRequest did: `created` a new pull request, or found the one that `existed` for the branch. */
export interface OpenPullRequestResult {
  outcome: 'created' | 'existed';
  pull: PullRequestRecord;
}

export interface RefreshPullRequestsResult {
  pulls: PullRequestRecord[];
  /** Remotes that could not be asked (bad token, offline, not GitHub, ...); their records stay as they were. */
  errors: Array<{ remote: string; error: FleetErrorPayload }>;
}

/** A link to the host's page for opening a pull request (merge request) by hand; null with a reason when there is none. */
export interface CompareLink {
  remote: string;
  host: PullHostKind;
  url: string | null;
  reason: string | null;
}
