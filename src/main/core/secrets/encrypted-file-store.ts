// A SecretStore whose file holds each secret encrypted by a cipher it is given (the desktop app passes Electron's
// safeStorage, tests a real AES-GCM cipher): the same discipline as the headless store (0600, replaced atomically,
// changes one at a time), but a damaged file is reported, never rewritten, so no secret is lost to a bad read.
// Secrets a plain store kept before (the headless file) are encrypted into it on first use, then the plain file goes.

import { chmod, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FleetError } from '../../../shared/errors';
import { writeFileAtomic } from '../atomic';
import type { SecretStore } from '../remotes/secret-store';

/** Turns a secret into bytes only this user on this machine can turn back (safeStorage, a keyring, ...). */
export interface SecretCipher {
  encrypt(plain: string): Promise<Buffer> | Buffer;
  decrypt(encrypted: Buffer): Promise<string> | string;
}

const FORMAT = 'fleet-control-secrets/1';
export const ENCRYPTED_SECRETS_FILE = 'secrets.encrypted.json';

interface SecretFile {
  format: typeof FORMAT;
  /** Secret name -> base64 of the cipher's bytes. */
  secrets: Record<string, string>;
}

export interface EncryptedStoreOptions {
  /** A plain JSON file of secrets ({name: value}) to encrypt into this store the first time it is used, then delete. */
  importPlainFile?: string;
  /** Told once how many secrets were imported (never their values). */
  onImported?: (count: number) => void;
}

export class EncryptedFileSecretStore implements SecretStore {
  readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(appDataDir: string, private readonly cipher: SecretCipher, private readonly options: EncryptedStoreOptions = {}) {
    this.path = join(appDataDir, ENCRYPTED_SECRETS_FILE);
    if (options.importPlainFile) this.queue = this.importPlain(options.importPlainFile);
  }

  async get(key: string): Promise<string | null> {
    await this.queue.catch(() => undefined);
    const encrypted = (await this.readAll()).secrets[key];
    if (encrypted === undefined) return null;
    try {
      return await this.cipher.decrypt(Buffer.from(encrypted, 'base64'));
    } catch {
      throw new FleetError('SECRET_STORE_UNREADABLE', `The stored secret "${key}" cannot be decrypted (the system keyring may have changed since it was saved): set it again.`, { key });
    }
  }

  async set(key: string, value: string): Promise<void> {
    const encrypted = Buffer.from(await this.cipher.encrypt(value)).toString('base64');
    await this.change((secrets) => {
      secrets[key] = encrypted;
    });
  }

  async delete(key: string): Promise<void> {
    await this.change((secrets) => {
      delete secrets[key];
    });
  }

  /** Read-modify-write, one at a time; other entries are kept as stored bytes, never decrypted on the way. */
  private change(edit: (secrets: Record<string, string>) => void): Promise<void> {
    const next = this.queue.catch(() => undefined).then(async () => {
      const file = await this.readAll();
      edit(file.secrets);
      await writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`);
      await chmod(this.path, 0o600);
    });
    this.queue = next;
    return next;
  }

  /** Encrypts the plain file's secrets into this store (kept when both have one: this store's is newer), then deletes it. */
  private async importPlain(plainPath: string): Promise<void> {
    let plain: Record<string, unknown>;
    try {
      plain = JSON.parse(await readFile(plainPath, 'utf8')) as Record<string, unknown>;
    } catch {
      return; // none, or damaged: the plain store itself holds nothing usable then
    }
    const entries = Object.entries(plain ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
    const file = await this.readAll();
    for (const [key, value] of entries) {
      if (file.secrets[key] === undefined) file.secrets[key] = Buffer.from(await this.cipher.encrypt(value)).toString('base64');
    }
    await writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`);
    await chmod(this.path, 0o600);
    // Only once the encrypted copy is on disk does the plain one go.
    await rm(plainPath, { force: true });
    this.options.onImported?.(entries.length);
  }

  private async readAll(): Promise<SecretFile> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { format: FORMAT, secrets: {} };
      throw new FleetError('SECRET_STORE_UNREADABLE', `The secret store ${this.path} cannot be read: ${(error as Error).message}.`, { path: this.path });
    }
    const file = parseSecretFile(text);
    if (!file) {
      throw new FleetError(
        'SECRET_STORE_UNREADABLE',
        `The secret store ${this.path} is damaged, so keys and tokens cannot be read or saved. It was left as it is: restore it from a backup, or delete it and set the keys again.`,
        { path: this.path },
      );
    }
    return file;
  }
}

function parseSecretFile(text: string): SecretFile | null {
  try {
    const value = JSON.parse(text) as Partial<SecretFile>;
    if (value.format !== FORMAT || typeof value.secrets !== 'object' || value.secrets === null || Array.isArray(value.secrets)) return null;
    if (!Object.values(value.secrets).every((v) => typeof v === 'string')) return null;
    return { format: FORMAT, secrets: { ...value.secrets } };
  } catch {
    return null;
  }
}
