// What `push` and `fetch` do before their code is loaded: register the environment's tokens with the redactor, then
// ask each remote for its refs (early-advertisements.ts), so the answer is on its way while the rest loads. Only light
// modules are imported here; the command imports the rest after `sent`.

import { version } from '../../package.json';
import { defaultAppDataDir } from './core/paths';
import { requestAdvertisementsEarly, type EarlyAdvertisements } from './core/remotes/early-advertisements';
import { nodeHttpClient } from './core/remotes/http-transport';
import { remoteServices, type RemoteServices } from './core/remotes/remote-endpoint';
import { FileSecretStore } from './core/remotes/secret-store';
import { registerEnvironmentSecrets, registeringSecretStore } from './core/secrets/known-secrets';
import { keyEnvironment } from './core/launcher/held-secrets';

/**
 * How long a command waits for its early requests to leave before loading the rest: enough for a local server (the
 * request is out in 1-2 ms), while a far server's connection is finished by the operating system meanwhile.
 */
const EARLY_WAIT_MS = 5;

export interface EarlyRemotes {
  early: EarlyAdvertisements;
  /** The user's secret store, as the app takes it (the app registers what it reads). */
  store: FileSecretStore;
  /** Services for a push or fetch run without the app: the early answers, secrets registered as they are read. */
  services: RemoteServices;
}

/**
 * Starts the early requests of `purpose` for the remotes named (all when none); dispose of `early` when done. `env` is
 * where tokens and settings are read (this process's; the background helper passes a request's).
 */
export function askRemotesEarly(path: string, remotes: string[] | undefined, purpose: 'push' | 'fetch', env: NodeJS.ProcessEnv = keyEnvironment()): EarlyRemotes {
  // As the app does first: whatever is printed or logged from here on has the environment's tokens redacted.
  registerEnvironmentSecrets(env);
  const store = new FileSecretStore(defaultAppDataDir(env));
  const secrets = registeringSecretStore(store);
  const early = requestAdvertisementsEarly({ path, remotes, purpose, services: remoteServices({ secrets, env, http: nodeHttpClient, version }), waitMs: EARLY_WAIT_MS });
  return { early, store, services: remoteServices({ secrets, env, http: early.http, version }) };
}
