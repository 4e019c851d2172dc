// Registering the secrets main holds with the redactor the moment they are read or stored: keys and tokens from
// the environment, values passing through a SecretStore (remote credentials are JSON: their token is registered).

import type { SecretStore } from '../remotes/secret-store';
import { looksSecret } from '../../../shared/secret-names';
import { redactor, type Redactor } from './redactor';

/** Registers the values of the environment's credential variables (shared/secret-names' rule, the launcher's too; `extraNames` such as a provider's keyEnv). */
export function registerEnvironmentSecrets(env: NodeJS.ProcessEnv, extraNames: string[] = [], target: Redactor = redactor): void {
  for (const [name, value] of Object.entries(env)) {
    if (value && (looksSecret(name, value) || extraNames.includes(name)) && !/\s/.test(value.trim())) target.register(value);
  }
}

/** Registers a stored value: a plain secret, or the string fields of a JSON credential ({username, token}). */
export function registerStoredSecret(value: string | null, target: Redactor = redactor): void {
  if (!value) return;
  try {
    const parsed = JSON.parse(value) as unknown;
    if (typeof parsed === 'object' && parsed !== null) {
      const fields = parsed as Record<string, unknown>;
      if (typeof fields.token === 'string') {
        target.register(fields.token);
        if (typeof fields.username === 'string') target.registerBasic(fields.username, fields.token);
      }
      for (const field of ['password', 'key', 'secret'] as const) if (typeof fields[field] === 'string') target.register(fields[field]);
      return;
    }
  } catch {
    // Not JSON: the value itself is the secret.
  }
  target.register(value);
}

/** A SecretStore that registers every value it reads or stores with the redactor. */
export function registeringSecretStore(store: SecretStore, target: Redactor = redactor): SecretStore {
  return {
    async get(key) {
      const value = await store.get(key);
      registerStoredSecret(value, target);
      return value;
    },
    async set(key, value) {
      registerStoredSecret(value, target);
      await store.set(key, value);
    },
    delete: (key) => store.delete(key),
  };
}
