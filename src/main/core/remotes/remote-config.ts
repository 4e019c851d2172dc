// The repository's remotes as .git/config holds them: list, add, change the URL, rename, remove. isomorphic-git
// edits the config file (keeping the rest of it as it was); renaming carries the remote-tracking refs along.

import { join } from 'node:path';
import { FleetError } from '../../../shared/errors';
import type { GitRepository } from '../git/repository';
import { readGitConfig } from '../git/git-config';
import { compareNames } from '../git/name-bytes';
import { loadIsoGit, wholeFileFs as fs } from './iso-git';

export interface RemoteConfigEntry {
  name: string;
  url: string;
  /** remote.<name>.pushurl when set. */
  pushUrl: string | null;
}

/**
 * Every configured remote with its URL (and push URL), sorted by name as git sorts names (by their bytes: the first
 * localeCompare of a process loads ICU's collation, 4-7 ms of a command-line push); read with our own parser.
 */
export function listRemoteConfigs(repo: GitRepository): Promise<RemoteConfigEntry[]> {
  return remoteConfigsIn(repo.commondir);
}

/** The same, from the config file of the git folder `commondir` (before a GitRepository is opened). */
export async function remoteConfigsIn(commondir: string): Promise<RemoteConfigEntry[]> {
  const config = await readGitConfig(join(commondir, 'config'));
  const entries: RemoteConfigEntry[] = [];
  for (const [key, url] of config) {
    if (!key.startsWith('remote.') || !key.endsWith('.url')) continue;
    const name = key.slice('remote.'.length, -'.url'.length);
    if (name === '') continue;
    entries.push({ name, url, pushUrl: config.get(`remote.${name}.pushurl`) ?? null });
  }
  return entries.sort((a, b) => compareNames(a.name, b.name));
}

function noSuchRemote(name: string): FleetError {
  return new FleetError('REMOTE_NOT_FOUND', `This repository has no remote called "${name}".`, { remote: name });
}

/** The remote named `name`; REMOTE_NOT_FOUND when there is none. */
export async function requireRemoteConfig(repo: GitRepository, name: string): Promise<RemoteConfigEntry> {
  const found = (await listRemoteConfigs(repo)).find((entry) => entry.name === name);
  if (!found) throw noSuchRemote(name);
  return found;
}

/** The remotes `names` asks for, each once (REMOTE_NOT_FOUND for one that does not exist); every remote when absent. */
export async function requireRemoteNames(repo: GitRepository, names: string[] | undefined): Promise<string[]> {
  const entries = await listRemoteConfigs(repo);
  if (!names) return entries.map((entry) => entry.name);
  for (const name of names) {
    if (!entries.some((entry) => entry.name === name)) throw noSuchRemote(name);
  }
  return [...new Set(names)];
}

/** Adds a remote fetching every branch into refs/remotes/<name>/*; REMOTE_EXISTS when the name is taken. */
export async function addRemoteConfig(repo: GitRepository, name: string, url: string): Promise<void> {
  const git = await loadIsoGit();
  if ((await listRemoteConfigs(repo)).some((entry) => entry.name === name)) {
    throw new FleetError('REMOTE_EXISTS', `A remote called "${name}" already exists. Choose another name or edit that one.`, { remote: name });
  }
  await git.addRemote({ fs, gitdir: repo.commondir, remote: name, url });
}

/** Points an existing remote at a new URL (the push URL, if any, is left as it is). */
export async function setRemoteUrl(repo: GitRepository, name: string, url: string): Promise<void> {
  const git = await loadIsoGit();
  await requireRemoteConfig(repo, name);
  await git.setConfig({ fs, gitdir: repo.commondir, path: `remote.${name}.url`, value: url });
}

async function trackingRefs(repo: GitRepository, remote: string): Promise<Map<string, string>> {
  const git = await loadIsoGit();
  const names = await git.listBranches({ fs, gitdir: repo.commondir, remote });
  const refs = new Map<string, string>();
  for (const branch of names) {
    if (branch === 'HEAD') continue;
    const oid = await repo.resolveRef(`refs/remotes/${remote}/${branch}`);
    if (oid) refs.set(branch, oid);
  }
  return refs;
}

async function deleteTrackingRefs(repo: GitRepository, remote: string): Promise<void> {
  const git = await loadIsoGit();
  const gitdir = repo.commondir;
  for (const branch of await git.listBranches({ fs, gitdir, remote })) {
    await git.deleteRef({ fs, gitdir, ref: `refs/remotes/${remote}/${branch}` }).catch(() => undefined);
  }
  repo.invalidateRefs();
}

/** Renames a remote: its URL and push URL move to the new name, and so do its remote-tracking refs. */
export async function renameRemoteConfig(repo: GitRepository, from: string, to: string): Promise<void> {
  const git = await loadIsoGit();
  const entry = await requireRemoteConfig(repo, from);
  if ((await listRemoteConfigs(repo)).some((e) => e.name === to)) {
    throw new FleetError('REMOTE_EXISTS', `A remote called "${to}" already exists. Choose another name.`, { remote: to });
  }
  const gitdir = repo.commondir;
  const tracked = await trackingRefs(repo, from);
  await git.addRemote({ fs, gitdir, remote: to, url: entry.url });
  if (entry.pushUrl) await git.setConfig({ fs, gitdir, path: `remote.${to}.pushurl`, value: entry.pushUrl });
  for (const [branch, oid] of tracked) {
    await repo.updateRef(`refs/remotes/${to}/${branch}`, oid, null, `remote: renamed ${from} to ${to}`).catch(() => undefined);
  }
  await git.deleteRemote({ fs, gitdir, remote: from });
  await deleteTrackingRefs(repo, from);
}

/** Removes a remote and its remote-tracking refs, as `git remote remove` does. */
export async function removeRemoteConfig(repo: GitRepository, name: string): Promise<boolean> {
  const git = await loadIsoGit();
  if (!(await listRemoteConfigs(repo)).some((entry) => entry.name === name)) return false;
  await git.deleteRemote({ fs, gitdir: repo.commondir, remote: name });
  await deleteTrackingRefs(repo, name);
  return true;
}
