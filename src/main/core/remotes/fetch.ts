// Fetch into refs/remotes/<remote>/*: one look at the remote's refs first (our own request, so errors read the
// same as the push's); when every advertised tip is already here only the remote-tracking refs move, else
// isomorphic-git fetches the missing objects. Offline is a quiet NETWORK result, never a thrown error.

import { FleetError, toErrorPayload } from '../../../shared/errors';
import type { FetchReport, RemoteFetchResult } from '../../../shared/types-remotes';
import type { GitRepository } from '../git/repository';
import type { Workspace } from '../workspace/workspace';
import { discoverRefs } from './ref-advertisement';
import { fromIsoGitError } from './iso-git-errors';
import { loadIsoGit, loadIsoHttp, wholeFileFs } from './iso-git';
import { listRemoteConfigs, requireRemoteConfig } from './remote-config';
import { resolveEndpoint, type RemoteEndpoint, type RemoteServices } from './remote-endpoint';
import { mapLimit } from './map-limit';

export interface FetchOptions {
  signal?: AbortSignal;
  onProgress?(message: string): void;
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

/** Sets remote-tracking refs to the advertised tips (all present locally) and drops those the remote no longer has. */
async function syncTrackingRefs(repo: GitRepository, remote: string, heads: Map<string, string>, before: Map<string, string>): Promise<void> {
  const git = await loadIsoGit();
  for (const [branch, oid] of heads) {
    const current = before.get(branch) ?? null;
    if (current !== oid) await repo.updateRef(`refs/remotes/${remote}/${branch}`, oid, current, 'fetch');
  }
  for (const branch of before.keys()) {
    if (!heads.has(branch)) await git.deleteRef({ fs: wholeFileFs, gitdir: repo.commondir, ref: `refs/remotes/${remote}/${branch}` });
  }
  repo.invalidateRefs();
}

async function fetchMissing(repo: GitRepository, endpoint: RemoteEndpoint, remoteRef: string, options: FetchOptions): Promise<void> {
  const [git, http] = await Promise.all([loadIsoGit(), loadIsoHttp()]);
  await git.fetch({
    fs: wholeFileFs,
    http,
    cache: repo.isoGitCache,
    gitdir: repo.commondir,
    remote: endpoint.name,
    url: endpoint.url,
    remoteRef,
    singleBranch: false,
    tags: false,
    prune: true,
    headers: { ...endpoint.headers },
    // The credential goes with the first request; a 401 means it was refused (or there was none): stop, ask once.
    onAuth: () => ({ cancel: true }),
    onAuthFailure: () => ({ cancel: true }),
    onProgress: (event) => {
      if (options.signal?.aborted) throw new FleetError('CANCELLED', 'The fetch was cancelled.');
      options.onProgress?.(`${event.phase}${event.total ? ` ${event.loaded}/${event.total}` : ''}`);
    },
  });
  repo.invalidateRefs();
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
    const missing: string[] = [];
    for (const [branch, oid] of heads) if (!(await repo.hasObject(oid))) missing.push(branch);
    if (missing.length > 0) {
      options.onProgress?.(`${name}: fetching ${missing.length} branch${missing.length === 1 ? '' : 'es'}`);
      try {
        await fetchMissing(repo, { ...endpoint, url: advertised.url }, `refs/heads/${missing[0]}`, options);
      } catch (error) {
        throw fromIsoGitError(error, endpoint.context);
      }
    }
    // isomorphic-git moved the refs it fetched; this also covers branches whose objects were already here.
    await syncTrackingRefs(repo, name, heads, await readTrackingRefs(repo, name));
    const after = await readTrackingRefs(repo, name);
    const names = new Set([...before.keys(), ...after.keys()]);
    const updated = [...names].filter((branch) => before.get(branch) !== after.get(branch)).length;
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
  const results = await mapLimit(remotes, 3, (name) => fetchRemote(workspace, services, name, options));
  return { remotes: results, durationMs: performance.now() - started };
}
