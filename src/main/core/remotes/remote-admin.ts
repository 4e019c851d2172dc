// The settings side of remotes: list them as the UI shows them, add or edit (URL, name), remove, and set or
// clear a remote's credential. A token written into a URL is moved into the secret store, never into .git/config.

import { FleetError } from '../../../shared/errors';
import type { RemoteInfo } from '../../../shared/types-remotes';
import type { Workspace } from '../workspace/workspace';
import { remoteSecretKey, resolveRemoteCredential, storeCredential } from './credentials';
import { addRemoteConfig, listRemoteConfigs, removeRemoteConfig, renameRemoteConfig, requireRemoteConfig, setRemoteUrl, type RemoteConfigEntry } from './remote-config';
import type { RemoteServices } from './remote-endpoint';
import { parseRemoteUrl, redactUrl } from './remote-url';

async function describe(services: RemoteServices, workspace: Workspace, entry: RemoteConfigEntry): Promise<RemoteInfo> {
  let problem: RemoteInfo['problem'] = null;
  let fromUrl: { username: string | null; password: string | null } | undefined;
  try {
    const parsed = parseRemoteUrl(entry.url);
    fromUrl = { username: parsed.username, password: parsed.password };
    if (entry.pushUrl) parseRemoteUrl(entry.pushUrl);
  } catch (error) {
    if (!(error instanceof FleetError)) throw error;
    problem = error.toPayload();
  }
  const { credential, source } = await resolveRemoteCredential(services, workspace.path, entry.name, fromUrl);
  return {
    name: entry.name,
    url: redactUrl(entry.url),
    pushUrl: entry.pushUrl && entry.pushUrl !== entry.url ? redactUrl(entry.pushUrl) : null,
    supported: problem === null,
    problem,
    credential: { set: credential !== null, source },
  };
}

/** Every remote of the workspace's repository, with whether it can be used and whether a credential is set. */
export async function listRemotes(services: RemoteServices, workspace: Workspace): Promise<RemoteInfo[]> {
  return Promise.all((await listRemoteConfigs(workspace.repo)).map((entry) => describe(services, workspace, entry)));
}

/** One remote as listRemotes describes it. */
export async function remoteInfo(services: RemoteServices, workspace: Workspace, name: string): Promise<RemoteInfo> {
  return describe(services, workspace, await requireRemoteConfig(workspace.repo, name));
}

/** Adds a remote, or edits `previousName` (URL and name). SSH and malformed URLs are refused before anything changes. */
export async function saveRemote(services: RemoteServices, workspace: Workspace, input: { name: string; url: string; previousName?: string }): Promise<RemoteInfo> {
  const parsed = parseRemoteUrl(input.url);
  const { repo } = workspace;
  const key = (name: string) => remoteSecretKey(workspace.path, name);
  if (input.previousName === undefined) {
    await addRemoteConfig(repo, input.name, parsed.url);
  } else {
    await requireRemoteConfig(repo, input.previousName);
    if (input.previousName !== input.name) {
      await renameRemoteConfig(repo, input.previousName, input.name);
      const stored = await services.secrets.get(key(input.previousName));
      if (stored !== null) {
        await services.secrets.set(key(input.name), stored);
        await services.secrets.delete(key(input.previousName));
      }
    }
    await setRemoteUrl(repo, input.name, parsed.url);
  }
  const token = parsed.password ?? parsed.username;
  if (token) await storeCredential(services.secrets, key(input.name), token, parsed.password ? (parsed.username ?? undefined) : undefined);
  return remoteInfo(services, workspace, input.name);
}

/** Removes a remote, its remote-tracking refs and its stored credential. */
export async function removeRemote(services: RemoteServices, workspace: Workspace, name: string): Promise<boolean> {
  const removed = await removeRemoteConfig(workspace.repo, name);
  await services.secrets.delete(remoteSecretKey(workspace.path, name));
  return removed;
}

/** Stores a token (and optional user name) for a remote. */
export async function setRemoteCredential(services: RemoteServices, workspace: Workspace, input: { name: string; token: string; username?: string }): Promise<RemoteInfo> {
  await requireRemoteConfig(workspace.repo, input.name);
  await storeCredential(services.secrets, remoteSecretKey(workspace.path, input.name), input.token, input.username);
  return remoteInfo(services, workspace, input.name);
}

/** Forgets a remote's stored token (a token from the environment still applies). */
export async function clearRemoteCredential(services: RemoteServices, workspace: Workspace, name: string): Promise<RemoteInfo> {
  await requireRemoteConfig(workspace.repo, name);
  await services.secrets.delete(remoteSecretKey(workspace.path, name));
  return remoteInfo(services, workspace, name);
}
