// The pulls part of the contract (method -> zod input schema + output type); contract.ts spreads it in.
// Pull requests are opened through GitHub's REST API with the remote's token (kept in main); other hosts get a
// link to their own page for opening one.

import { z } from 'zod';
import { BranchNameSchema, SlugSchema } from './manifest';
import { Empty, out } from './contract-kit';
import { RemoteNameSchema } from './contract-remotes';
import type { CompareLink, OpenPullRequestResult, PullRequestRecord, RefreshPullRequestsResult } from './types-pulls';

export const pullsMethods = {
  /** Opens a pull request for module/<id> into `target` (default: the base branch), or finds the one that exists. */
  openPullRequest: {
    input: z.object({ moduleId: SlugSchema, remote: RemoteNameSchema, target: BranchNameSchema.optional() }).strict(),
    output: out<OpenPullRequestResult>(),
  },
  /** Opens a pull request for the integration branch (fleet/integration) into `target` (default: the base branch), or finds the open one. */
  openIntegrationPullRequest: {
    input: z.object({ remote: RemoteNameSchema, target: BranchNameSchema.optional() }).strict(),
    output: out<OpenPullRequestResult>(),
  },
  /** Asks the host for the state of every module's pull request (on one remote, or on every GitHub remote). */
  refreshPullRequests: { input: z.object({ remote: RemoteNameSchema.optional() }).strict(), output: out<RefreshPullRequestsResult>() },
  /** The pull requests recorded for this workspace, as last seen. */
  listPullRequests: { input: Empty, output: out<PullRequestRecord[]>() },
  /** The host's page for opening a pull request by hand (GitHub, GitLab, Bitbucket, Azure DevOps), or why there is none. */
  compareLink: {
    input: z.object({ moduleId: SlugSchema, remote: RemoteNameSchema, target: BranchNameSchema.optional() }).strict(),
    output: out<CompareLink>(),
  },
} as const;

export const pullsEvents = {} as const;
