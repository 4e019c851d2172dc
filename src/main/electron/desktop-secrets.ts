// The desktop app's secret store: each key and token encrypted with Electron's safeStorage (the OS keychain, DPAPI
// or the Linux keyring) before it is written. Where safeStorage has no real keyring (Linux without one, or only its
// built-in fallback password), keys stay in the headless store's user-only file, and the log says so once. Keys
// the plain file held are moved into the encrypted store on first use.

import { safeStorage } from 'electron';
import { join } from 'node:path';
import { EncryptedFileSecretStore } from '../core/secrets/encrypted-file-store';
import { FileSecretStore, type SecretStore } from '../core/remotes/secret-store';
import type { MainLog } from './main-log';

/** safeStorage's store when it can encrypt for real, else the user-only file; call once the app is ready. */
export async function createDesktopSecretStore(appDataDir: string, log: MainLog): Promise<SecretStore> {
  let available = false;
  let backend: string | null = null;
  try {
    available = await safeStorage.isAsyncEncryptionAvailable();
    // 'basic_text' encrypts with a password built into Chromium: no better than a file only the user can read.
    backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
  } catch (error) {
    // The app must start even when the keyring cannot be asked.
    log('safeStorage could not be asked whether it can encrypt', error);
  }
  if (!available || backend === 'basic_text') {
    const store = new FileSecretStore(appDataDir);
    log(`safeStorage cannot encrypt here (${available ? 'no system keyring, only its built-in password' : 'encryption unavailable'}): keys and tokens are kept in a file only this user can read, in ${appDataDir}.`);
    return store;
  }
  return new EncryptedFileSecretStore(
    appDataDir,
    {
      encrypt: (plain) => safeStorage.encryptStringAsync(plain),
      decrypt: async (encrypted) => (await safeStorage.decryptStringAsync(encrypted)).result,
    },
    {
      // Keys saved before (or by `fleet-control` in the same folder) move into the encrypted store.
      importPlainFile: join(appDataDir, 'secrets.json'),
      onImported: (count) => log(`${count} stored key(s) and token(s) were moved from secrets.json into the encrypted store; the command line reads keys from the environment (XAI_API_KEY, FLEET_GIT_TOKEN, ...).`),
    },
  );
}
