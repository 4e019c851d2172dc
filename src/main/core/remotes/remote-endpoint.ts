// Everything needed to talk to one remote: its HTTPS URL for fetching or pushing (SSH refused here), the
// credential that goes with it, and the headers carrying it.

import type { SecretStore } from './secret-store';
import type { HttpClient } from './http-transport';
import type { RemoteConfigEntry } from './remote-config';
import type { RemoteContext } from './remote-errors';
import { basicAuthHeader, resolveRemoteCredential, type BasicCredential } from './credentials';
import { parseRemoteUrl, redactUrl } from './remote-url';
import type { CredentialSource } from '../../../shared/types-remotes';

/** What remote operations need from the app: where secrets live, the environment, HTTP, and who we are. */
export interface RemoteServices {
  secrets: SecretStore;
  env: NodeJS.ProcessEnv;
  http: HttpClient;
  /** Sent as agent=... to servers, e.g. "fleet-control/0.1.0". */
  agent: string;
}

/** The services as the app hands them to remote operations; every request names `fleet-control/<version>` as its agent. */
export function remoteServices(parts: { secrets: SecretStore; env: NodeJS.ProcessEnv; http: HttpClient; version: string }): RemoteServices {
  return { secrets: parts.secrets, env: parts.env, http: parts.http, agent: `fleet-control/${parts.version}` };
}

export interface RemoteEndpoint {
  name: string;
  /** The URL without credentials. */
  url: string;
  credential: BasicCredential | null;
  credentialSource: CredentialSource;
  /** Authorization (when there is a credential) and User-Agent. */
  headers: Record<string, string>;
  context: RemoteContext;
}

/** The endpoint of `entry` for `purpose` (push uses remote.<name>.pushurl when set); SSH_UNSUPPORTED or INVALID_URL otherwise. */
export async function resolveEndpoint(
  services: RemoteServices,
  workspacePath: string,
  entry: RemoteConfigEntry,
  purpose: 'fetch' | 'push',
): Promise<RemoteEndpoint> {
  const parsed = parseRemoteUrl(purpose === 'push' && entry.pushUrl ? entry.pushUrl : entry.url);
  const { credential, source } = await resolveRemoteCredential(services, workspacePath, entry.name, parsed);
  const headers: Record<string, string> = { 'User-Agent': `git/2.0 (${services.agent})` };
  if (credential) headers.Authorization = basicAuthHeader(credential, parsed.url);
  return {
    name: entry.name,
    url: parsed.url,
    credential,
    credentialSource: source,
    headers,
    context: { remote: entry.name, url: redactUrl(parsed.url), credentialSent: credential !== null },
  };
}
