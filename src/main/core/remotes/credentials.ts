// Which credential a remote uses: a per-remote environment variable, the stored secret, a user:token written into
// the URL, or FLEET_GIT_TOKEN, in that order. Tokens travel as HTTP basic auth; they are never logged or returned.

import { createHash } from 'node:crypto';
import type { CredentialSource } from '../../../shared/types-remotes';
import type { SecretStore } from './secret-store';
import { redactor } from '../secrets/redactor';
import { requireSecureTransport } from '../secrets/secure-transport';

/** User name sent with a bare token: GitHub, Azure DevOps and GitLab accept any name with a token as password. */
export const DEFAULT_TOKEN_USERNAME = 'x-access-token';

export interface BasicCredential {
  username: string;
  password: string;
}

export interface ResolvedCredential {
  credential: BasicCredential | null;
  source: CredentialSource;
}

/** The secret store's key for one remote of one workspace (the path is hashed: keys say nothing about the disk). */
export function remoteSecretKey(workspacePath: string, remote: string): string {
  const workspace = createHash('sha256').update(workspacePath).digest('hex').slice(0, 16);
  return `git-remote/${workspace}/${remote}`;
}

/** FLEET_GIT_TOKEN_<REMOTE>: the remote's name upper-cased, other characters as "_" (origin -> FLEET_GIT_TOKEN_ORIGIN). */
export function remoteTokenVariable(remote: string): string {
  return `FLEET_GIT_TOKEN_${remote.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** Stores a token (with an optional user name) for a remote. */
export async function storeCredential(secrets: SecretStore, key: string, token: string, username?: string): Promise<void> {
  await secrets.set(key, JSON.stringify(username ? { username, token } : { token }));
}

async function readStored(secrets: SecretStore, key: string): Promise<BasicCredential | null> {
  const text = await secrets.get(key);
  if (!text) return null;
  try {
    const value = JSON.parse(text) as { username?: unknown; token?: unknown };
    if (typeof value.token !== 'string' || value.token === '') return null;
    return { username: typeof value.username === 'string' && value.username ? value.username : DEFAULT_TOKEN_USERNAME, password: value.token };
  } catch {
    return null;
  }
}

export interface CredentialLookup {
  secrets: SecretStore;
  env: NodeJS.ProcessEnv;
  key: string;
  remote: string;
  /** A user name and password written into the remote's URL, if any. */
  fromUrl?: { username: string | null; password: string | null };
}

/** The credential for one remote, and where it came from; whatever is found is registered with the redactor. */
export async function resolveCredential(lookup: CredentialLookup): Promise<ResolvedCredential> {
  const resolved = await findCredential(lookup);
  if (resolved.credential) redactor.registerBasic(resolved.credential.username, resolved.credential.password);
  return resolved;
}

/** The credential of `remote` in the workspace at `workspacePath`; `fromUrl` is what its URL carries (a parsed remote URL). */
export function resolveRemoteCredential(
  services: { secrets: SecretStore; env: NodeJS.ProcessEnv },
  workspacePath: string,
  remote: string,
  fromUrl?: CredentialLookup['fromUrl'],
): Promise<ResolvedCredential> {
  return resolveCredential({ secrets: services.secrets, env: services.env, key: remoteSecretKey(workspacePath, remote), remote, fromUrl });
}

async function findCredential(lookup: CredentialLookup): Promise<ResolvedCredential> {
  const { env } = lookup;
  const username = env.FLEET_GIT_USERNAME || DEFAULT_TOKEN_USERNAME;
  const perRemote = env[remoteTokenVariable(lookup.remote)];
  if (perRemote) return { credential: { username, password: perRemote }, source: 'environment' };
  const stored = await readStored(lookup.secrets, lookup.key);
  if (stored) return { credential: stored, source: 'stored' };
  const url = lookup.fromUrl;
  if (url?.password || url?.username) {
    // https://token@host/ puts the token where the user name goes.
    const credential = url.password ? { username: url.username ?? DEFAULT_TOKEN_USERNAME, password: url.password } : { username: DEFAULT_TOKEN_USERNAME, password: url.username! };
    return { credential, source: 'url' };
  }
  if (env.FLEET_GIT_TOKEN) return { credential: { username, password: env.FLEET_GIT_TOKEN }, source: 'environment' };
  return { credential: null, source: null };
}

/** The Authorization header value for a credential sent to `url`; INSECURE_TRANSPORT for plain HTTP to another computer. */
export function basicAuthHeader(credential: BasicCredential, url: string): string {
  requireSecureTransport(url, 'the token');
  redactor.registerBasic(credential.username, credential.password);
  return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
}
