// Per-workspace agent settings kept in the app-data folder: the workspace budget cap, default provider and
// concurrency, whether interrupted batches resume by themselves. (Prices and prompts are shared with the team on the
// workspace branch instead.)

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { OFFLINE_PROVIDER_ID } from '../../../shared/providers';
import type { AgentSettings } from '../../../shared/types-agents';
import { writeFileAtomic } from '../atomic';

export const DEFAULT_CONCURRENCY = 4;

const SettingsSchema = z.object({
  workspaceBudgetUsd: z.number().min(0).nullable(),
  defaultProvider: z.string().min(1),
  defaultConcurrency: z.number().int().min(1).max(32),
  // Settings saved before automatic resume existed have no such field: on by default.
  autoResume: z.boolean().default(true),
});

const DEFAULTS: AgentSettings = { workspaceBudgetUsd: null, defaultProvider: OFFLINE_PROVIDER_ID, defaultConcurrency: DEFAULT_CONCURRENCY, autoResume: true };

export class AgentSettingsStore {
  private value: AgentSettings | null = null;

  constructor(private readonly folder: string) {}

  async get(): Promise<AgentSettings> {
    if (this.value) return this.value;
    try {
      this.value = SettingsSchema.parse(JSON.parse(await readFile(join(this.folder, 'settings.json'), 'utf8')));
    } catch {
      this.value = { ...DEFAULTS };
    }
    return this.value;
  }

  /** The value last read or saved (call get() once first). */
  cached(): AgentSettings {
    return this.value ?? DEFAULTS;
  }

  async save(settings: AgentSettings): Promise<AgentSettings> {
    await writeFileAtomic(join(this.folder, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
    this.value = { ...settings };
    return this.value;
  }
}
