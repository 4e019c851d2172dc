// One receive-pack exchange of a push: the pack of the objects the remote lacks, made while the request is under
// way, one POST with every ref update, and each branch's result from the server's report. A failure to read one of
// our own objects is told apart from the network's: it is a LocalObjectFailure, whatever the transport saw.

import { FleetError, toErrorPayload, type ErrorCode } from '../../../shared/errors';
import type { BranchPushResult, BranchPushStatus } from '../../../shared/types-remotes';
import type { GitRepository } from '../git/repository';
import { ZERO_OID } from '../git/oid';
import type { GitObject } from '../git/types';
import { objectsToSend, type ObjectsToSend } from './push-objects';
import { writePack } from './pack-writer';
import { sendReceivePack, type RefUpdateCommand } from './receive-pack';
import type { RefAdvertisement } from './ref-advertisement';
import type { LocalBranch } from './push-plan';
import type { RemoteEndpoint, RemoteServices } from './remote-endpoint';

export interface ExchangeOptions {
  signal?: AbortSignal;
  log?: (message: string, error?: unknown) => void;
  onBranch?(branch: string, state: BranchPushStatus | 'queued' | 'sending', message: string | null): void;
  /** What the exchange is doing; `objects` while the pack goes up. */
  onActivity?(message: string, objects?: { sent: number; total: number }): void;
  /** The objects to send, worked out already for these tips against these haves (push.ts's guess); found here otherwise. */
  objects?: Promise<ObjectsToSend>;
}

export interface BranchToSend {
  branch: LocalBranch;
  remoteTip: string | null;
}

export interface ExchangeResult {
  results: BranchPushResult[];
  packBytes: number;
  objects: number;
}

/** Our own repository failed us while the pack was made (a missing or damaged object): nothing is the network's fault. */
export class LocalObjectFailure extends Error {
  constructor(
    readonly error: FleetError,
    readonly packBytes: number,
  ) {
    super(error.message);
  }
}

const NON_FAST_FORWARD_REASON = /non-fast-forward|fetch first|stale info|but expected|is at [0-9a-f]+ but/i;

export function branchResult(branch: LocalBranch, remoteTip: string | null, status: BranchPushStatus, code: ErrorCode | null, message: string | null): BranchPushResult {
  return { branch: branch.branch, status, localTip: branch.tip, remoteTipBefore: remoteTip, code, message };
}

/** The error as a FleetError; anything else is a bug, logged and shown as INTERNAL. */
export function asFleetError(error: unknown, log?: ExchangeOptions['log']): FleetError {
  if (error instanceof FleetError) return error;
  log?.('push failed unexpectedly', error);
  const payload = toErrorPayload(error);
  return new FleetError(payload.code, payload.message, payload.data);
}

/** GIT_CORRUPT for the first of `oids` the repository lacks, checked before a byte of the pack is sent. */
async function requirePresent(repo: GitRepository, oids: string[], raw: Map<string, GitObject>): Promise<void> {
  for (const oid of oids) {
    if (raw.has(oid) || (await repo.hasObject(oid))) continue;
    // Read it, so the error is the repository's own (GIT_CORRUPT, or OBJECT_NOT_FETCHED in a partial clone).
    await repo.readObject(oid);
  }
}

/** The pack of everything `tips` need that the remote (holding `haves`) lacks, as chunks; counts what it sent. */
async function* packStream(repo: GitRepository, tips: string[], haves: string[], sent: { bytes: number; objects: number }, options: Pick<ExchangeOptions, 'onActivity' | 'objects'>): AsyncGenerator<Buffer> {
  const { onActivity } = options;
  onActivity?.('counting the objects the remote lacks');
  const { oids, raw } = await (options.objects ?? objectsToSend(repo, tips, haves));
  await requirePresent(repo, oids, raw);
  sent.objects = oids.length;
  const progressEvery = Math.max(1, Math.ceil(oids.length / 50));
  const onObject = (written: number): void => {
    if (written % progressEvery === 0 || written === oids.length) onActivity?.(`sending ${written}/${oids.length} objects`, { sent: written, total: oids.length });
  };
  onActivity?.(`sending 0/${oids.length} objects`, { sent: 0, total: oids.length });
  for await (const chunk of writePack(repo, oids, { raw, onObject })) {
    sent.bytes += chunk.length;
    yield chunk;
  }
}

/** Sends `toSend` in one receive-pack request; throws LocalObjectFailure, or the transport's FleetError. */
export async function exchangeBranches(
  repo: GitRepository,
  services: RemoteServices,
  endpoint: RemoteEndpoint,
  advertised: RefAdvertisement,
  toSend: BranchToSend[],
  haves: string[],
  options: ExchangeOptions,
): Promise<ExchangeResult> {
  const commands: RefUpdateCommand[] = toSend.map(({ branch, remoteTip }) => ({ ref: `refs/heads/${branch.branch}`, oldOid: remoteTip ?? ZERO_OID, newOid: branch.tip }));
  for (const { branch } of toSend) options.onBranch?.(branch.branch, 'sending', null);
  const sent = { bytes: 0, objects: 0 };
  let localFailure: FleetError | null = null;
  // The objects are found and packed while the request is already under way.
  const pack = (async function* () {
    try {
      yield* packStream(repo, toSend.map((s) => s.branch.tip), haves, sent, options);
    } catch (error) {
      // The request breaks off with this; the transport may report the cut as a network failure, which it is not.
      localFailure = asFleetError(error, options.log);
      throw localFailure;
    }
  })();

  let answer;
  try {
    answer = await sendReceivePack({ client: services.http, url: advertised.url, headers: endpoint.headers, context: endpoint.context, commands, capabilities: advertised.capabilities, agent: services.agent, pack, signal: options.signal });
  } catch (error) {
    if (localFailure) throw new LocalObjectFailure(localFailure, sent.bytes);
    throw asFleetError(error, options.log);
  }

  const results: BranchPushResult[] = [];
  const serverOutput = answer.messages.join('\n');
  for (const { branch, remoteTip } of toSend) {
    const ref = `refs/heads/${branch.branch}`;
    const reason = answer.unpack !== 'ok' ? `the server could not store the pushed objects (${answer.unpack})` : answer.refs.has(ref) ? answer.refs.get(ref)! : 'the server did not report on this branch';
    if (reason === null) {
      results.push(branchResult(branch, remoteTip, 'pushed', null, null));
    } else if (NON_FAST_FORWARD_REASON.test(reason)) {
      results.push(branchResult(branch, remoteTip, 'non-fast-forward', 'NON_FAST_FORWARD', `"${endpoint.name}" refused ${branch.branch} as not a fast-forward (${reason}): someone pushed in the meantime. Fetch, combine, and push again.`));
    } else {
      const said = serverOutput ? `\n${serverOutput}` : '';
      results.push(branchResult(branch, remoteTip, 'rejected', 'REMOTE_REJECTED', `"${endpoint.name}" refused ${branch.branch}: ${reason}${said}`));
    }
  }
  return { results, packBytes: sent.bytes, objects: sent.objects };
}

/**
 * Which of `toSend` need an object this repository cannot read: each branch's objects found alone, as the failed
 * exchange would, and checked for presence and for `failure`'s object (one that is there but cannot be read).
 */
export async function splitByLocalFailure(repo: GitRepository, toSend: BranchToSend[], haves: string[], failure: FleetError): Promise<{ broken: Array<BranchToSend & { error: FleetError }>; healthy: BranchToSend[] }> {
  const failedOid = typeof failure.data?.oid === 'string' ? failure.data.oid : null;
  const broken: Array<BranchToSend & { error: FleetError }> = [];
  const healthy: BranchToSend[] = [];
  for (const entry of toSend) {
    try {
      const { oids, raw } = await objectsToSend(repo, [entry.branch.tip], haves);
      if (failedOid && oids.includes(failedOid)) throw failure;
      await requirePresent(repo, oids, raw);
      healthy.push(entry);
    } catch (error) {
      if (!(error instanceof FleetError)) throw error;
      broken.push({ ...entry, error });
    }
  }
  return { broken, healthy };
}
