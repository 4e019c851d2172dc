// Pushes many branches to one remote in ONE receive-pack exchange: one GET of the remote's refs, a local plan per
// branch, one pack of the objects the remote lacks, one POST carrying every ref update. (isomorphic-git's push
// negotiates once per ref: 32 branches took 16.5 s where one `git push` took 0.13 s.) Never forces.

import { FleetError, toErrorPayload, type ErrorCode } from '../../../shared/errors';
import type { BranchPushResult, BranchPushStatus, RemotePushResult } from '../../../shared/types-remotes';
import type { GitRepository } from '../git/repository';
import { ZERO_OID } from '../git/oid';
import { discoverRefs } from './ref-advertisement';
import { objectsToSend } from './push-objects';
import { writePack } from './pack-writer';
import { sendReceivePack, type RefUpdateCommand } from './receive-pack';
import { nonFastForwardMessage, planAction, type LocalBranch } from './push-plan';
import type { RemoteEndpoint, RemoteServices } from './remote-endpoint';

export interface PushListeners {
  /** A branch changed state on this remote (queued, sending, then its final status). */
  onBranch?(branch: string, state: BranchPushStatus | 'queued' | 'sending', message: string | null): void;
  /** A short sentence about what this remote's push is doing now. */
  onActivity?(message: string): void;
}

export interface PushOptions extends PushListeners {
  signal?: AbortSignal;
  log?: (message: string, error?: unknown) => void;
}

const NON_FAST_FORWARD_REASON = /non-fast-forward|fetch first|stale info|but expected|is at [0-9a-f]+ but/i;

function result(branch: LocalBranch, remoteTip: string | null, status: BranchPushStatus, code: ErrorCode | null, message: string | null): BranchPushResult {
  return { branch: branch.branch, status, localTip: branch.tip, remoteTipBefore: remoteTip, code, message };
}

/** How a failure of the whole exchange shows on each branch: queued to retry (network), or not attempted. */
function failedBranch(branch: LocalBranch, remoteTip: string | null, error: FleetError, afterSending: boolean): BranchPushResult {
  if (error.code === 'NETWORK' || error.code === 'CANCELLED') {
    const message = afterSending
      ? `${error.message} The server may or may not have taken this branch; a retry shows which.`
      : error.message;
    return result(branch, remoteTip, 'queued', error.code, message);
  }
  const message = error.code === 'AUTH_FAILED' ? 'Not attempted: the remote refused the credentials.' : `Not attempted: ${error.message}`;
  return result(branch, remoteTip, 'not-attempted', error.code, message);
}

/** The error as a FleetError; anything else is a bug, logged and shown as INTERNAL. */
function asFleetError(error: unknown, log?: PushOptions['log']): FleetError {
  if (error instanceof FleetError) return error;
  log?.('push failed unexpectedly', error);
  const payload = toErrorPayload(error);
  return new FleetError(payload.code, payload.message, payload.data);
}

/**
 * Moves refs/remotes/<remote>/<branch> to what the remote now holds, in one ref transaction (one lock each, no
 * fsync: these refs are only a record of the remote, as in git). They take the new values whatever they held, as
 * git's push does; a failure (another process holding a lock) is only logged: the push itself succeeded.
 */
async function updateTrackingRefs(repo: GitRepository, remote: string, updates: [branch: string, oid: string][], log?: PushOptions['log']): Promise<void> {
  const refs = updates.map(([branch, oid]) => ({ ref: `refs/remotes/${remote}/${branch}`, newOid: oid }));
  const current = await Promise.all(refs.map(({ ref }) => repo.resolveRef(ref)));
  const changes = refs.filter((change, i) => current[i] !== change.newOid);
  try {
    await repo.updateRefs(changes, 'update by push', { durable: false });
  } catch (error) {
    log?.(`could not update the remote-tracking refs of ${remote} after the push`, error);
  }
}

/** Pushes `branches` to one remote; every outcome, including failures of the whole remote, is in the result. */
export async function pushToRemote(
  repo: GitRepository,
  services: RemoteServices,
  endpoint: RemoteEndpoint,
  branches: LocalBranch[],
  options: PushOptions = {},
): Promise<RemotePushResult> {
  const started = performance.now();
  const report = (results: BranchPushResult[], error: FleetError | null, packBytes = 0, objects = 0): RemotePushResult => {
    for (const r of results) options.onBranch?.(r.branch, r.status, r.message);
    return { remote: endpoint.name, url: endpoint.context.url, error: error?.toPayload() ?? null, branches: results, packBytes, objects, durationMs: performance.now() - started };
  };
  for (const branch of branches) options.onBranch?.(branch.branch, 'queued', null);

  options.onActivity?.('asking the remote for its branches');
  let advertised;
  try {
    advertised = await discoverRefs({ client: services.http, url: endpoint.url, service: 'git-receive-pack', headers: endpoint.headers, context: endpoint.context, signal: options.signal });
  } catch (error) {
    const failure = asFleetError(error, options.log);
    return report(branches.map((b) => failedBranch(b, null, failure, false)), failure);
  }

  const finished: BranchPushResult[] = [];
  const toSend: { branch: LocalBranch; remoteTip: string | null }[] = [];
  for (const branch of branches) {
    const remoteTip = advertised.refs.get(`refs/heads/${branch.branch}`) ?? null;
    const action = await planAction(repo, branch.tip, remoteTip);
    if (action === 'up-to-date') finished.push(result(branch, remoteTip, 'up-to-date', null, null));
    else if (action === 'behind') finished.push(result(branch, remoteTip, 'behind', null, `"${endpoint.name}" is ahead of this branch: nothing to push. Fetch to bring its commits in.`));
    else if (action === 'non-fast-forward') finished.push(result(branch, remoteTip, 'non-fast-forward', 'NON_FAST_FORWARD', await nonFastForwardMessage(repo, branch.branch, endpoint.name, remoteTip!)));
    else toSend.push({ branch, remoteTip });
  }
  if (toSend.length === 0) {
    await updateTrackingRefs(repo, endpoint.name, finished.filter((r) => r.status !== 'non-fast-forward').map((r) => [r.branch, r.remoteTipBefore!]), options.log);
    return report(finished, null);
  }

  const haves: string[] = [];
  for (const oid of new Set(advertised.refs.values())) if (await repo.hasObject(oid)) haves.push(oid);
  const commands: RefUpdateCommand[] = toSend.map(({ branch, remoteTip }) => ({ ref: `refs/heads/${branch.branch}`, oldOid: remoteTip ?? ZERO_OID, newOid: branch.tip }));
  for (const { branch } of toSend) options.onBranch?.(branch.branch, 'sending', null);
  let packBytes = 0;
  let objectCount = 0;
  // The objects are found and packed while the request is already under way.
  const pack = (async function* () {
    const { oids, raw } = await objectsToSend(repo, toSend.map((s) => s.branch.tip), haves);
    objectCount = oids.length;
    const progressEvery = Math.max(1, Math.ceil(oids.length / 20));
    const onObject = (written: number): void => {
      if (written % progressEvery === 0 || written === oids.length) options.onActivity?.(`sending ${written}/${oids.length} objects`);
    };
    for await (const chunk of writePack(repo, oids, { raw, onObject })) {
      packBytes += chunk.length;
      yield chunk;
    }
  })();

  let answer;
  try {
    answer = await sendReceivePack({ client: services.http, url: advertised.url, headers: endpoint.headers, context: endpoint.context, commands, capabilities: advertised.capabilities, agent: services.agent, pack, signal: options.signal });
  } catch (error) {
    const failure = asFleetError(error, options.log);
    return report([...finished, ...toSend.map((s) => failedBranch(s.branch, s.remoteTip, failure, true))], failure, packBytes, objectCount);
  }

  const serverOutput = answer.messages.join('\n');
  for (const { branch, remoteTip } of toSend) {
    const ref = `refs/heads/${branch.branch}`;
    const reason = answer.unpack !== 'ok' ? `the server could not store the pushed objects (${answer.unpack})` : answer.refs.has(ref) ? answer.refs.get(ref)! : 'the server did not report on this branch';
    if (reason === null) {
      finished.push(result(branch, remoteTip, 'pushed', null, null));
    } else if (NON_FAST_FORWARD_REASON.test(reason)) {
      finished.push(result(branch, remoteTip, 'non-fast-forward', 'NON_FAST_FORWARD', `"${endpoint.name}" refused ${branch.branch} as not a fast-forward (${reason}): someone pushed in the meantime. Fetch, combine, and push again.`));
    } else {
      const said = serverOutput ? `\n${serverOutput}` : '';
      finished.push(result(branch, remoteTip, 'rejected', 'REMOTE_REJECTED', `"${endpoint.name}" refused ${branch.branch}: ${reason}${said}`));
    }
  }
  const known = finished.filter((r) => r.status === 'pushed' || r.status === 'up-to-date' || r.status === 'behind');
  await updateTrackingRefs(repo, endpoint.name, known.map((r) => [r.branch, r.status === 'pushed' ? r.localTip : r.remoteTipBefore!]), options.log);
  const order = new Map(branches.map((b, i) => [b.branch, i]));
  finished.sort((a, b) => order.get(a.branch)! - order.get(b.branch)!);
  return report(finished, null, packBytes, objectCount);
}
