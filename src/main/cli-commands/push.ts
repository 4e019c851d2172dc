// `fleet-control push`: the report on stdout; exit code 1 when any branch or remote failed, 130 after Ctrl+C.
// The remotes are asked for their refs first (early-advertisements.ts), and the push's code is loaded while they
// answer: only the light modules that send those requests are imported up front.

import { version } from '../../../package.json';
import { print } from '../cli-io';
import type { CommandInput } from '../cli-registry';
import { defaultAppDataDir } from '../core/paths';
import { requestAdvertisementsEarly } from '../core/remotes/early-advertisements';
import { nodeHttpClient } from '../core/remotes/http-transport';
import { remoteServices } from '../core/remotes/remote-endpoint';
import { FileSecretStore } from '../core/remotes/secret-store';
import { registerEnvironmentSecrets, registeringSecretStore } from '../core/secrets/known-secrets';
import { keyEnvironment } from '../core/launcher/held-secrets';

/** How long the command waits for its early requests to leave before loading the rest (a far server's handshake goes on meanwhile). */
const EARLY_WAIT_MS = 5;

export async function run({ repo, values }: CommandInput): Promise<void> {
  const env = keyEnvironment();
  // As the app does first: whatever is printed or logged from here on has the environment's tokens redacted.
  registerEnvironmentSecrets(env);
  const secrets = registeringSecretStore(new FileSecretStore(defaultAppDataDir()));
  const early = requestAdvertisementsEarly({ path: repo as string, remotes: values.remote, purpose: 'push', services: remoteServices({ secrets, env, http: nodeHttpClient, version }), waitMs: EARLY_WAIT_MS });
  try {
    await early.sent;
    const { pushCommand } = await import('../cli-remotes');
    const ok = await pushCommand(repo as string, values.remote, remoteServices({ secrets, env, http: early.http, version }), values.json === true, print);
    if (!ok) process.exitCode ??= 1; // Ctrl+C's 130 stays
  } finally {
    early.dispose();
  }
}
