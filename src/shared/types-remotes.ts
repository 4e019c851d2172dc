// Plain data about remotes, push, fetch and clone that crosses the boundary. Secrets never appear here:
// a remote's credential is described only by whether one is set and where it comes from.

import type { ErrorCode, FleetErrorPayload } from './errors';

/** Where the credential used for a remote comes from; null when there is none. */
export type CredentialSource = 'stored' | 'environment' | 'url' | null;

export interface RemoteInfo {
  name: string;
  /** The fetch URL with any user name or password removed. */
  url: string;
  /** The push URL (remote.<name>.pushurl) when it differs from `url`, redacted the same way. */
  pushUrl: string | null;
  /** False for URLs the app cannot use (SSH, local paths): `problem` says why and may offer data.httpsUrl. */
  supported: boolean;
  problem: FleetErrorPayload | null;
  credential: { set: boolean; source: CredentialSource };
}

/**
 * What pushing one branch to one remote would do, judged from the remote's advertised tip. `behind`: the remote
 * has every local commit and more (nothing to push; fetch to catch up).
 */
export type PushAction = 'create' | 'fast-forward' | 'up-to-date' | 'behind' | 'non-fast-forward';

export interface BranchPushPlan {
  branch: string;
  localTip: string;
  /** The remote's tip before the push; null when the branch is not on the remote. */
  remoteTip: string | null;
  action: PushAction;
  /** Commits the remote lacks (null when the remote tip is not known locally). */
  commitsToSend: number | null;
  /** A branch the remote lacks: the base branch it adds to and how many commits it is ahead of it (null otherwise, or without a local base). */
  newBranch: { base: string; ahead: number } | null;
}

export interface RemotePushPreview {
  remote: string;
  url: string;
  /** True when the remote could not be reached and the plan uses the last fetched state instead. */
  stale: boolean;
  error: FleetErrorPayload | null;
  branches: BranchPushPlan[];
  /** Commits the remote lacks over every branch of the plan, each counted once (offline: judged from the last fetched state). */
  commitsToSend: number | null;
}

export interface PushPreview {
  remotes: RemotePushPreview[];
  /** The integration branch the push covers (it exists once a merge went there) and the base its pull request merges into; null without one. */
  integration: { branch: string; base: string } | null;
}

/**
 * The outcome for one branch on one remote. `queued`: not sent because of a network failure or a cancel,
 * retry later. `not-attempted`: the remote refused the credentials before anything was sent.
 */
export type BranchPushStatus = 'pushed' | 'up-to-date' | 'behind' | 'non-fast-forward' | 'rejected' | 'not-attempted' | 'queued';

export interface BranchPushResult {
  branch: string;
  status: BranchPushStatus;
  localTip: string;
  remoteTipBefore: string | null;
  /** Set for the failures: NON_FAST_FORWARD, REMOTE_REJECTED, AUTH_FAILED, NETWORK, ... (null for pushed, up-to-date, behind). */
  code: ErrorCode | null;
  /** A sentence for the user; for a server rejection, the server's own reason and hook output. */
  message: string | null;
}

export interface RemotePushResult {
  remote: string;
  url: string;
  /** A failure of the whole remote (AUTH_FAILED, NETWORK, NOT_A_GIT_SERVER, ...); null when the request went through. */
  error: FleetErrorPayload | null;
  branches: BranchPushResult[];
  /** Bytes of the pack sent in the one receive-pack request (0 when nothing was sent). */
  packBytes: number;
  objects: number;
  durationMs: number;
}

export interface PushReport {
  remotes: RemotePushResult[];
  pushed: number;
  upToDate: number;
  failed: number;
  durationMs: number;
}

/** What a push to one remote is doing now (pushActivity): a sentence, and the pack's objects sent so far while it goes up. */
export interface PushActivity {
  jobId: string;
  remote: string;
  message: string;
  /** Objects of the pack written so far and in all; null before the pack is being sent. */
  objects: { sent: number; total: number } | null;
}

/** Live state of one branch during a push job (the overall bar comes from jobProgress). */
export interface PushProgress {
  jobId: string;
  remote: string;
  branch: string;
  state: 'queued' | 'sending' | BranchPushStatus;
  message: string | null;
}

export interface RemoteFetchResult {
  remote: string;
  url: string;
  /** NETWORK when offline: a quiet result, the last fetched state stays. */
  error: FleetErrorPayload | null;
  /** Remote-tracking refs that moved, were created or were pruned. */
  updated: number;
  durationMs: number;
}

export interface FetchReport {
  remotes: RemoteFetchResult[];
  durationMs: number;
}

/** A module branch (or the workspace branch) against its remote-tracking branch after the last fetch. */
export interface RemoteBranchState {
  branch: string;
  moduleId: string | null;
  localTip: string | null;
  remoteTip: string | null;
  onRemote: boolean;
  /** Commits only on the local branch; null when either side is missing. */
  ahead: number | null;
  /** Commits only on the remote branch; null when either side is missing. */
  behind: number | null;
}

export interface RemoteStatus {
  remote: string;
  branches: RemoteBranchState[];
}

export interface CloneResult {
  path: string;
  url: string;
  defaultBranch: string | null;
}
