// One click, push all: every branch with commits a remote lacks, to each chosen remote (a few remotes at a
// time, one request each), with per-branch progress and one report.

import { FleetError } from '../../../shared/errors';
import type { BranchPushStatus, PushReport, RemotePushResult } from '../../../shared/types-remotes';
import type { Workspace } from '../workspace/workspace';
import { branchesToPush, type LocalBranch } from './push-plan';
import { pushToRemote } from './push';
import { requireRemoteConfig } from './remote-config';
import { resolveEndpoint, type RemoteServices } from './remote-endpoint';
import { mapLimit } from './map-limit';

/** Remotes pushed at the same time. */
const REMOTE_CONCURRENCY = 3;

export interface PushAllOptions {
  remotes: string[];
  branches?: string[];
  signal?: AbortSignal;
  onBranch?(remote: string, branch: string, state: BranchPushStatus | 'queued' | 'sending', message: string | null): void;
  /** Overall progress: branches finished out of all (branch, remote) pairs. */
  onProgress?(done: number, total: number, message: string): void;
  /** What one remote's push is doing now; `objects` while its pack goes up (the bar a long push moves). */
  onActivity?(remote: string, message: string, objects: { sent: number; total: number } | null): void;
  log?: (message: string, error?: unknown) => void;
}

async function pushOne(workspace: Workspace, services: RemoteServices, name: string, branches: LocalBranch[], options: PushAllOptions, tick: (remote: string, branch: string, state: string, message: string | null) => void): Promise<RemotePushResult> {
  const started = performance.now();
  try {
    const entry = await requireRemoteConfig(workspace.repo, name);
    const endpoint = await resolveEndpoint(services, workspace.path, entry, 'push');
    return await pushToRemote(workspace.repo, services, endpoint, branches, {
      signal: options.signal,
      log: options.log,
      onBranch: (branch, state, message) => tick(name, branch, state, message),
      onActivity: (message, objects) => {
        options.onActivity?.(name, message, objects ?? null);
        options.onProgress?.(-1, -1, `${name}: ${message}`);
      },
    });
  } catch (error) {
    // A remote that cannot be used at all (SSH, a malformed URL): every branch is not attempted there.
    if (!(error instanceof FleetError)) throw error;
    const results = branches.map((b) => ({ branch: b.branch, status: 'not-attempted' as const, localTip: b.tip, remoteTipBefore: null, code: error.code, message: `Not attempted: ${error.message}` }));
    for (const r of results) tick(name, r.branch, r.status, r.message);
    return { remote: name, url: '', error: error.toPayload(), branches: results, packBytes: 0, objects: 0, durationMs: performance.now() - started };
  }
}

/** Pushes the workspace's branches (or `options.branches`) to every remote in `options.remotes`. */
export async function pushToRemotes(workspace: Workspace, services: RemoteServices, options: PushAllOptions): Promise<PushReport> {
  const started = performance.now();
  const branches = await branchesToPush(workspace, options.branches);
  const total = branches.length * options.remotes.length;
  let done = 0;
  let lastMessage = '';
  const tick = (remote: string, branch: string, state: string, message: string | null): void => {
    options.onBranch?.(remote, branch, state as BranchPushStatus, message);
    // "queued" without a message is the starting state; with one, a branch left queued by a network failure.
    const final = state !== 'sending' && !(state === 'queued' && message === null);
    if (final) options.onProgress?.(++done, total, lastMessage);
  };
  const progress = options.onProgress;
  const wrapped: PushAllOptions = {
    ...options,
    onProgress: (d, t, message) => {
      lastMessage = message;
      progress?.(d < 0 ? done : d, t < 0 ? total : t, message);
    },
  };
  const remotes = await mapLimit(options.remotes, REMOTE_CONCURRENCY, (name) => pushOne(workspace, services, name, branches, wrapped, tick));
  const all = remotes.flatMap((r) => r.branches);
  return {
    remotes,
    pushed: all.filter((b) => b.status === 'pushed').length,
    upToDate: all.filter((b) => b.status === 'up-to-date' || b.status === 'behind').length,
    failed: all.filter((b) => b.code !== null).length,
    durationMs: performance.now() - started,
  };
}
