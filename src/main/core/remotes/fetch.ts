// Fetch into refs/remotes/<remote>/* in two requests, as git does: the remote's refs, then (only when some tip is
// missing here) one upload-pack request for a pack, indexed by isomorphic-git. Errors read the same as the
// push's. Offline is a quiet NETWORK result, never a thrown error.

import { FleetError, toErrorPayload } from '../../../shared/errors';
import type { FetchReport, RemoteFetchResult } from '../../../shared/types-remotes';
import type { GitRepository } from '../git/repository';
import type { RefChange } from '../git/ref-transaction';
import type { Workspace } from '../workspace/workspace';
import { discoverRefs, type RefAdvertisement } from './ref-advertisement';
import { loadIsoGit, wholeFileFs } from './iso-git';
import { fetchPack } from './upload-pack';
import { storePack } from './pack-store';
import { listRemoteConfigs, requireRemoteConfig } from './remote-config';
import { resolveEndpoint, type RemoteEndpoint, type RemoteServices } from './remote-endpoint';
import { mapLimit } from './map-limit';

export interface FetchOptions {
  signal?: AbortSignal;
  onProgress?(message: string): void;
  /** A remote's fetch ended (with or without an error). */
  onRemoteDone?(result: RemoteFetchResult): void;
  log?: (message: string, error?: unknown) => void;
}

/** refs/remotes/<remote>/<branch> -> oid, as they are now. */
async function readTrackingRefs(repo: GitRepository, remote: string): Promise<Map<string, string>> {
  const git = await loadIsoGit();
  const refs = new Map<string, string>();
  for (const branch of await git.listBranches({ fs: wholeFileFs, gitdir: repo.commondir, remote })) {
    if (branch === 'HEAD') continue;
    const oid = await repo.resolveRef(`refs/remotes/${remote}/${branch}`);
    if (oid) refs.set(branch, oid);
  }
  return refs;
}

/**
 * Sets remote-tracking refs to the advertised tips (all present locally) and drops those the remote no longer has,
 * in one ref transaction compared against what `before` read (as git's fetch does), without fsync: a lost update
 * is redone by the next fetch.
 */
async function syncTrackingRefs(repo: GitRepository, remote: string, heads: Map<string, string>, before: Map<string, string>): Promise<void> {
  const changes: RefChange[] = [];
  for (const [branch, oid] of heads) {
    const current = before.get(branch) ?? null;
    if (current !== oid) changes.push({ ref: `refs/remotes/${remote}/${branch}`, newOid: oid, expectedOld: current });
  }
  for (const [branch, oid] of before) {
    if (!heads.has(branch)) changes.push({ ref: `refs/remotes/${remote}/${branch}`, newOid: null, expectedOld: oid });
  }
  await repo.updateRefs(changes, 'fetch', { durable: false });
}

/** Fetches the objects of `wants` with one upload-pack request and stores the pack; returns its object count. */
async function fetchMissing(repo: GitRepository, services: RemoteServices, endpoint: RemoteEndpoint, advertised: RefAdvertisement, wants: string[], options: FetchOptions): Promise<number> {
  // What we have: every local branch and this remote's tracking refs (usually close ancestors of what we want).
  const haves = new Set<string>((await repo.listBranches()).values());
  for (const oid of (await readTrackingRefs(repo, endpoint.name)).values()) haves.add(oid);
  const pack = await fetchPack({
    client: services.http,
    url: advertised.url,
    headers: endpoint.headers,
    context: endpoint.context,
    wants,
    haves: [...haves],
    capabilities: advertised.capabilities,
    agent: services.agent,
    signal: options.signal,
    onProgress: (message) => options.onProgress?.(`${endpoint.name}: ${message}`),
  });
  return storePack(repo, pack, (message) => options.onProgress?.(`${endpoint.name}: ${message}`), options.signal);
}

/** Fetches one remote; every failure is in the result. */
export async function fetchRemote(workspace: Workspace, services: RemoteServices, name: string, options: FetchOptions = {}): Promise<RemoteFetchResult> {
  const started = performance.now();
  const repo = workspace.repo;
  let url = '';
  try {
    const endpoint = await resolveEndpoint(services, workspace.path, await requireRemoteConfig(repo, name), 'fetch');
    url = endpoint.context.url;
    options.onProgress?.(`${name}: asking the remote for its branches`);
    const advertised = await discoverRefs({ client: services.http, url: endpoint.url, service: 'git-upload-pack', headers: endpoint.headers, context: endpoint.context, signal: options.signal });
    const heads = new Map<string, string>();
    for (const [ref, oid] of advertised.refs) if (ref.startsWith('refs/heads/')) heads.set(ref.slice('refs/heads/'.length), oid);
    const before = await readTrackingRefs(repo, name);
    const wants = new Set<string>();
    for (const oid of heads.values()) if (!(await repo.hasObject(oid))) wants.add(oid);
    if (wants.size > 0) {
      options.onProgress?.(`${name}: fetching ${wants.size} new tip${wants.size === 1 ? '' : 's'}`);
      await fetchMissing(repo, services, endpoint, advertised, [...wants], options);
    }
    // A cancel after the objects arrived still leaves the tracking refs as they were.
    if (options.signal?.aborted) throw new FleetError('CANCELLED', 'The fetch was cancelled; no branches were changed.');
    await syncTrackingRefs(repo, name, heads, before);
    const names = new Set([...before.keys(), ...heads.keys()]);
    const updated = [...names].filter((branch) => before.get(branch) !== heads.get(branch)).length;
    return { remote: name, url, error: null, updated, durationMs: performance.now() - started };
  } catch (error) {
    if (!(error instanceof FleetError)) options.log?.(`fetching ${name} failed`, error);
    return { remote: name, url, error: toErrorPayload(error), updated: 0, durationMs: performance.now() - started };
  }
}

/** Fetches the given remotes (all configured ones by default), a few at a time. */
export async function fetchRemotes(workspace: Workspace, services: RemoteServices, names: string[] | undefined, options: FetchOptions = {}): Promise<FetchReport> {
  const started = performance.now();
  const remotes = names ?? (await listRemoteConfigs(workspace.repo)).map((entry) => entry.name);
  const results = await mapLimit(remotes, 3, async (name) => {
    const result = await fetchRemote(workspace, services, name, options);
    options.onRemoteDone?.(result);
    return result;
  });
  return { remotes: results, durationMs: performance.now() - started };
}
