// Clone from an HTTPS URL into a folder the user picks (new, or empty), with progress. On failure everything
// the clone created is removed. The credential given for the clone is kept for the new repository's "origin".

import { readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { FleetError } from '../../../shared/errors';
import type { CloneResult } from '../../../shared/types-remotes';
import { GitRepository } from '../git/repository';
import { planTree } from '../checkout/tree-plan';
import { makeFolders } from '../folders';
import { checkWritableFolder } from '../target-folder';
import { DEFAULT_TOKEN_USERNAME, basicAuthHeader, remoteSecretKey, storeCredential, type BasicCredential } from './credentials';
import { fromIsoGitError } from './iso-git-errors';
import { fsWithSignal, httpWithSignal, loadIsoGit, loadIsoHttp, wholeFileFs } from './iso-git';
import { parseRemoteUrl, redactUrl, type HttpRemoteUrl } from './remote-url';
import type { RemoteServices } from './remote-endpoint';

export interface CloneRequest {
  url: string;
  path: string;
  token?: string;
  username?: string;
  signal?: AbortSignal;
  onProgress?(done: number, total: number, message: string): void;
}

/** TARGET_NOT_EMPTY unless `path` is missing or an empty folder; true when it exists. */
export async function checkCloneTarget(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  if (!info) return false;
  if (!info.isDirectory() || (await readdir(path)).length > 0) {
    throw new FleetError('TARGET_NOT_EMPTY', `${path} is not an empty folder. Pick a new or empty folder to clone into.`, { path });
  }
  return true;
}

/** Makes sure `path` is a new or empty folder; returns the top-most folder created here (to remove on failure). */
async function prepareTarget(path: string): Promise<string | null> {
  if (await checkCloneTarget(path)) return null;
  await checkWritableFolder(path);
  // A working tree for the user: the usual permissions (umask applies), not app data's private ones.
  return makeFolders(path, 0o777);
}

/** Removes what a failed clone left: the folders it created, or the contents of the empty folder it was given. */
async function cleanUp(path: string, createdTop: string | null): Promise<void> {
  if (createdTop) return rm(createdTop, { recursive: true, force: true });
  for (const entry of await readdir(path).catch(() => [])) await rm(join(path, entry), { recursive: true, force: true });
}

function cancelledClone(): FleetError {
  return new FleetError('CANCELLED', 'The clone was cancelled; nothing was kept.');
}

/** The token typed for the clone, else one written into the URL, else FLEET_GIT_TOKEN. */
function cloneCredential(request: CloneRequest, parsed: HttpRemoteUrl, env: NodeJS.ProcessEnv): BasicCredential | null {
  const username = request.username ?? env.FLEET_GIT_USERNAME ?? DEFAULT_TOKEN_USERNAME;
  if (request.token) return { username, password: request.token };
  if (parsed.password) return { username: parsed.username ?? DEFAULT_TOKEN_USERNAME, password: parsed.password };
  if (parsed.username) return { username: DEFAULT_TOKEN_USERNAME, password: parsed.username };
  return env.FLEET_GIT_TOKEN ? { username, password: env.FLEET_GIT_TOKEN } : null;
}

/**
 * A local branch for every branch of the remote (isomorphic-git makes only the default one), so a cloned
 * workspace opens with its module branches and its manifest, and a later init continues them.
 */
async function createLocalBranches(repo: GitRepository): Promise<void> {
  const git = await loadIsoGit();
  const local = await repo.listBranches();
  for (const branch of await git.listBranches({ fs: wholeFileFs, gitdir: repo.commondir, remote: 'origin' })) {
    if (branch === 'HEAD' || local.has(branch)) continue;
    const oid = await repo.resolveRef(`refs/remotes/origin/${branch}`);
    if (oid) await repo.updateRef(`refs/heads/${branch}`, oid, null, `branch: Created from origin/${branch}`);
  }
}

/**
 * Writes the default branch's files into the new clone, after judging its whole tree by the tree writer's rules:
 * a crafted tree (a name twice, `.git` variants, names one file system folds together) is refused before any file
 * exists, so isomorphic-git's checkout never meets a name that could lead it through a link out of the folder.
 */
async function checkOutSafely(repo: GitRepository, path: string, branch: string | null, fs: typeof wholeFileFs, signal?: AbortSignal): Promise<void> {
  const tip = branch ? await repo.resolveRef(`refs/heads/${branch}`) : null;
  if (!branch || !tip) return;
  await planTree(repo, (await repo.readCommit(tip)).tree, Buffer.from(path), { signal });
  const git = await loadIsoGit();
  await git.checkout({ fs, dir: path, gitdir: repo.commondir, ref: branch, cache: {} });
}

/** Clones `request.url` into `request.path`; the result says where, for opening it as a workspace. */
export async function cloneRepository(services: RemoteServices, request: CloneRequest): Promise<CloneResult> {
  const parsed = parseRemoteUrl(request.url);
  const path = resolve(request.path);
  const credential = cloneCredential(request, parsed, services.env);
  const context = { remote: redactUrl(parsed.url), url: redactUrl(parsed.url), credentialSent: credential !== null };
  const createdTop = await prepareTarget(path);
  const [git, http] = await Promise.all([loadIsoGit(), loadIsoHttp()]);
  // Cancel reaches every step: each request (mid-answer too) and each file-system call of the clone.
  const fs = fsWithSignal(wholeFileFs, request.signal, cancelledClone);
  let defaultBranch: string | null;
  try {
    await git.clone({
      fs,
      http: httpWithSignal(http, request.signal),
      dir: path,
      url: parsed.url,
      cache: {},
      singleBranch: false,
      noTags: false,
      // The working tree is written only once the tree is known to be safe (below).
      noCheckout: true,
      headers: { 'User-Agent': `git/2.0 (${services.agent})`, ...(credential ? { Authorization: basicAuthHeader(credential, parsed.url) } : {}) },
      onAuth: () => ({ cancel: true }),
      onAuthFailure: () => ({ cancel: true }),
      onProgress: (event) => {
        if (request.signal?.aborted) throw cancelledClone();
        request.onProgress?.(event.loaded, event.total ?? 0, event.phase);
      },
    });
    if (request.signal?.aborted) throw cancelledClone();
    const repo = await GitRepository.open(path);
    defaultBranch = (await repo.readHead()).branch;
    await checkOutSafely(repo, path, defaultBranch, fs, request.signal);
    await createLocalBranches(repo);
    // Store the token the user typed for this clone under the new repository's origin.
    if (request.token) await storeCredential(services.secrets, remoteSecretKey(repo.workdir ?? path, 'origin'), request.token, request.username);
    await repo.close();
  } catch (error) {
    await cleanUp(path, createdTop);
    throw request.signal?.aborted ? cancelledClone() : fromIsoGitError(error, context);
  }
  return { path, url: redactUrl(parsed.url), defaultBranch };
}
