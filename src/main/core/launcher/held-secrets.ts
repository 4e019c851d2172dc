// The keys and tokens this process was given by environment variables but no longer keeps in its environment
// (handed over on a pipe by the CLI's re-execution, or taken out of process.env at the desktop app's start).
// Key and token lookups read the environment through keyEnvironment(), so they still find them.

import { secretVariables } from '../../../shared/secret-names';

const held = new Map<string, string>();

/** Keeps `secrets` in memory for keyEnvironment(). */
export function holdSecrets(secrets: Record<string, string>): void {
  for (const [name, value] of Object.entries(secrets)) held.set(name, value);
}

/** Moves every secret-looking variable out of `env` (process.env by default) into memory; returns their names. */
export function takeSecretsFromEnvironment(env: NodeJS.ProcessEnv = process.env): string[] {
  const secrets = secretVariables(env);
  holdSecrets(secrets);
  for (const name of Object.keys(secrets)) delete env[name];
  return Object.keys(secrets);
}

/** The environment keys and tokens are read from: process.env itself, plus what was handed over. */
export function keyEnvironment(): NodeJS.ProcessEnv {
  // Nothing handed over (tests, plain runs): the live process.env, exactly as before.
  if (held.size === 0) return process.env;
  return { ...process.env, ...Object.fromEntries(held) };
}
