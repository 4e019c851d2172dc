// The providers the user has configured (app-data/agents/providers.json, atomic) over the built-in ones, and
// their keys: the secret store first, then the provider's environment variable. Keys are never returned.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { FleetError } from '../../../shared/errors';
import { BUILT_IN_PROVIDERS, ProviderConfigSchema, type ProviderConfig } from '../../../shared/providers';
import type { KeySource } from '../../../shared/types-agents';
import { describeIssues } from '../../../shared/manifest';
import { writeFileAtomic } from '../atomic';
import type { SecretStore } from '../remotes/secret-store';
import { registerSecret } from '../secrets/redactor';

const StoredSchema = z.object({ version: z.literal(1), providers: z.array(z.unknown()) });

/** The secret store's name for a provider's key. */
export function providerKeyName(providerId: string): string {
  return `agent-key:${providerId}`;
}

export class ProviderSettings {
  private readonly path: string;
  private cache: ProviderConfig[] | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    appDataDir: string,
    private readonly secrets: SecretStore,
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.path = join(appDataDir, 'agents', 'providers.json');
  }

  /** Built-in providers (as the user edited them) followed by the ones the user added. */
  async list(): Promise<ProviderConfig[]> {
    const stored = await this.load();
    const builtIn = BUILT_IN_PROVIDERS.map((p) => stored.find((s) => s.id === p.id) ?? p);
    return [...builtIn, ...stored.filter((s) => !BUILT_IN_PROVIDERS.some((p) => p.id === s.id))];
  }

  /** One provider's settings; PROVIDER_NOT_FOUND names the ones that exist. */
  async get(id: string): Promise<ProviderConfig> {
    const all = await this.list();
    const found = all.find((p) => p.id === id);
    if (!found) throw new FleetError('PROVIDER_NOT_FOUND', `There is no provider "${id}". Known providers: ${all.map((p) => p.id).join(', ')}.`, { id });
    return found;
  }

  isBuiltIn(id: string): boolean {
    return BUILT_IN_PROVIDERS.some((p) => p.id === id);
  }

  /** Adds or replaces a provider's settings. */
  async save(config: ProviderConfig): Promise<void> {
    if (config.id === 'offline' && config.kind !== 'offline') throw new FleetError('INVALID_INPUT', 'The offline analyzer cannot be turned into another kind of provider.');
    await this.change((list) => [...list.filter((p) => p.id !== config.id), config]);
  }

  /** Removes a provider the user added (and its key); a built-in one returns to its defaults. */
  async remove(id: string): Promise<boolean> {
    let existed = false;
    await this.change((list) => {
      existed = list.some((p) => p.id === id);
      return list.filter((p) => p.id !== id);
    });
    if (!this.isBuiltIn(id)) await this.secrets.delete(providerKeyName(id));
    return existed;
  }

  async setKey(id: string, key: string): Promise<void> {
    await this.get(id);
    registerSecret(key);
    await this.secrets.set(providerKeyName(id), key);
  }

  async clearKey(id: string): Promise<void> {
    await this.secrets.delete(providerKeyName(id));
  }

  /** The key to use and where it came from: the secret store, else the environment variable. */
  async resolveKey(config: ProviderConfig): Promise<{ key: string | null; source: KeySource }> {
    const stored = await this.secrets.get(providerKeyName(config.id));
    registerSecret(stored);
    if (stored) return { key: stored, source: 'stored' };
    const fromEnv = config.keyEnv ? this.env[config.keyEnv]?.trim() : undefined;
    registerSecret(fromEnv);
    if (fromEnv) return { key: fromEnv, source: 'environment' };
    return { key: null, source: config.needsKey ? 'none' : 'not-needed' };
  }

  private async load(): Promise<ProviderConfig[]> {
    if (this.cache) return this.cache;
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return (this.cache = []);
    }
    const result: ProviderConfig[] = [];
    try {
      const stored = StoredSchema.parse(JSON.parse(text));
      for (const entry of stored.providers) {
        const parsed = ProviderConfigSchema.safeParse(entry);
        if (parsed.success) result.push(parsed.data);
        else this.log(`A saved provider was ignored: ${describeIssues(parsed.error).join('; ')}`);
      }
    } catch (error) {
      this.log(`${this.path} is unreadable and was ignored: ${(error as Error).message}`);
    }
    return (this.cache = result);
  }

  private change(edit: (list: ProviderConfig[]) => ProviderConfig[]): Promise<void> {
    const next = this.queue.catch(() => undefined).then(async () => {
      const list = edit(await this.load());
      await writeFileAtomic(this.path, `${JSON.stringify({ version: 1, providers: list }, null, 2)}\n`);
      this.cache = list;
    });
    this.queue = next;
    return next;
  }
}
