// Secrets (remote tokens; agent keys later) kept in main only. The interface is tiny so that the Electron
// safeStorage store can be one file in main/electron; the headless store is a JSON file only its user can read.

import { readFileSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic';

/** Where secrets live. Keys name what a secret is for; neither keys nor values are ever logged. */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The headless store: `<appData>/secrets.json`, mode 0600, replaced atomically on every change. */
export class FileSecretStore implements SecretStore {
  private readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(appDataDir: string) {
    this.path = join(appDataDir, 'secrets.json');
  }

  async get(key: string): Promise<string | null> {
    await this.queue.catch(() => undefined);
    return (await this.readAll())[key] ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    await this.change((all) => {
      all[key] = value;
    });
  }

  async delete(key: string): Promise<void> {
    await this.change((all) => {
      delete all[key];
    });
  }

  /** Read-modify-write, one at a time, so two quick changes never lose each other. */
  private change(edit: (all: Record<string, string>) => void): Promise<void> {
    const next = this.queue.catch(() => undefined).then(async () => {
      const all = await this.readAll();
      edit(all);
      await writeFileAtomic(this.path, `${JSON.stringify(all, null, 2)}\n`);
      // The temp file is created 0600; chmod again in case an older file was looser.
      await chmod(this.path, 0o600);
    });
    this.queue = next;
    return next;
  }

  private async readAll(): Promise<Record<string, string>> {
    let text: string;
    try {
      // A small file, read at once (an asynchronous read is four trips through the thread pool, on every push).
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
      return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    } catch {
      // A damaged file holds no usable secret; the next change rewrites it whole.
      return {};
    }
  }
}

/** An in-memory store, for tests and for callers that must not touch the disk. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();

  async get(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
}
