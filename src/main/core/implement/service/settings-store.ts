// Per-workspace knobs of implementation runs, kept in the workspace's app-data folder (implement/settings.json):
// the user sets them on this machine, so the run_command allow-list here needs no further consent.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ImplementSettingsSchema } from '../../../../shared/contract-implement';
import type { ImplementSettings } from '../../../../shared/types-implement';
import { writeFileAtomic } from '../../atomic';

export const DEFAULT_IMPLEMENT_SETTINGS: ImplementSettings = {
  maxWorkingCopies: 4,
  customEngineTemplate: '',
  engineKeys: {},
  maxTurns: 40,
  maxMinutes: 30,
  maxChangedFiles: 60,
  repairRounds: 2,
  repeatedFailureLimit: 3,
  defaultConcurrency: 2,
  commandAllowList: [],
  commandTimeoutSeconds: 600,
};

export class ImplementSettingsStore {
  private value: ImplementSettings | null = null;
  private readonly path: string;

  constructor(folder: string, private readonly log: (message: string) => void = () => undefined) {
    this.path = join(folder, 'settings.json');
  }

  /** The saved settings (a field missing from an older file takes its default); the defaults when none are saved. */
  async get(): Promise<ImplementSettings> {
    if (this.value) return this.value;
    let text: string | null = null;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      // Never saved: the defaults.
    }
    if (text === null) return (this.value = { ...DEFAULT_IMPLEMENT_SETTINGS });
    try {
      this.value = ImplementSettingsSchema.parse({ ...DEFAULT_IMPLEMENT_SETTINGS, ...(JSON.parse(text) as object) });
    } catch (error) {
      this.log(`${this.path} is unreadable and was ignored: ${(error as Error).message}`);
      this.value = { ...DEFAULT_IMPLEMENT_SETTINGS };
    }
    return this.value;
  }

  /** The value last read or saved (the defaults before the first read). */
  cached(): ImplementSettings {
    return this.value ?? DEFAULT_IMPLEMENT_SETTINGS;
  }

  async save(settings: ImplementSettings): Promise<ImplementSettings> {
    const checked = ImplementSettingsSchema.parse(settings);
    await writeFileAtomic(this.path, `${JSON.stringify(checked, null, 2)}\n`);
    this.value = { ...checked, commandAllowList: [...checked.commandAllowList] };
    return this.value;
  }
}
