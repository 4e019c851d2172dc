// What CI repair keeps per workspace in its app-data folder (ci-repair/): the automatic repair settings (off by
// default) and, per module, the failures repaired (by tip), the automatic repairs since the branch last passed and
// the last notice. Records pass the redaction step; writes are atomic and queued.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CiRepairSettingsSchema } from '../../../../shared/contract-ci-repair';
import type { CiRepairRecord, CiRepairSettings, CiRepairState } from '../../../../shared/types-ci-repair';
import { writeFileAtomic } from '../../atomic';
import { workspaceDataDir } from '../../paths';
import { writeRecordAtomic } from '../../secrets/stored-record';

export const DEFAULT_CI_REPAIR_SETTINGS: CiRepairSettings = { auto: false, maxPerBranch: 2, budgetUsd: null };
/** Repairs remembered per module (the newest). */
const KEPT = 20;

export type BranchRepairs = Pick<CiRepairState, 'repairs' | 'autoSinceGreen' | 'notice'>;

export class CiRepairStore {
  private settingsValue: CiRepairSettings | null = null;
  private branches: Map<string, BranchRepairs> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly folder: string, private readonly log: (message: string) => void = () => undefined) {}

  async settings(): Promise<CiRepairSettings> {
    if (this.settingsValue) return this.settingsValue;
    const text = await readFile(join(this.folder, 'settings.json'), 'utf8').catch(() => null);
    try {
      this.settingsValue = text === null ? { ...DEFAULT_CI_REPAIR_SETTINGS } : CiRepairSettingsSchema.parse({ ...DEFAULT_CI_REPAIR_SETTINGS, ...(JSON.parse(text) as object) });
    } catch (error) {
      this.log(`ci-repair/settings.json is unreadable and was ignored: ${(error as Error).message}`);
      this.settingsValue = { ...DEFAULT_CI_REPAIR_SETTINGS };
    }
    return this.settingsValue;
  }

  async saveSettings(settings: CiRepairSettings): Promise<CiRepairSettings> {
    const checked = CiRepairSettingsSchema.parse(settings);
    await writeFileAtomic(join(this.folder, 'settings.json'), `${JSON.stringify(checked, null, 2)}\n`);
    return (this.settingsValue = checked);
  }

  private async all(): Promise<Map<string, BranchRepairs>> {
    if (this.branches) return this.branches;
    const text = await readFile(join(this.folder, 'repairs.json'), 'utf8').catch(() => null);
    const map = new Map<string, BranchRepairs>();
    try {
      for (const [id, value] of Object.entries(text ? (JSON.parse(text) as Record<string, BranchRepairs>) : {})) {
        map.set(id, { repairs: Array.isArray(value.repairs) ? value.repairs : [], autoSinceGreen: Number(value.autoSinceGreen) || 0, notice: value.notice ?? null });
      }
    } catch (error) {
      this.log(`ci-repair/repairs.json is unreadable and was ignored: ${(error as Error).message}`);
    }
    return (this.branches ??= map);
  }

  /** The module's repairs (an empty record when none). */
  async branch(moduleId: string): Promise<BranchRepairs> {
    return (await this.all()).get(moduleId) ?? { repairs: [], autoSinceGreen: 0, notice: null };
  }

  async modules(): Promise<string[]> {
    return [...(await this.all()).keys()];
  }

  /** Changes one module's record and writes the file (writes queue behind each other). */
  async update(moduleId: string, change: (current: BranchRepairs) => BranchRepairs): Promise<BranchRepairs> {
    const all = await this.all();
    const next = change(all.get(moduleId) ?? { repairs: [], autoSinceGreen: 0, notice: null });
    all.set(moduleId, { ...next, repairs: next.repairs.slice(-KEPT) });
    const snapshot = Object.fromEntries(all);
    this.writing = this.writing.then(() => writeRecordAtomic(join(this.folder, 'repairs.json'), snapshot)).catch((error: unknown) => this.log(`could not save ci-repair/repairs.json: ${(error as Error).message}`));
    await this.writing;
    return all.get(moduleId)!;
  }
}

/** Where a workspace's CI repair records live. */
export function ciRepairFolder(appDataDir: string, workspacePath: string): string {
  return join(workspaceDataDir(appDataDir, workspacePath), 'ci-repair');
}

/** Whether automatic repair is switched on for the workspace (read without the service, so the poller loads no run code while it is off). */
export async function autoRepairOn(appDataDir: string, workspacePath: string): Promise<boolean> {
  const text = await readFile(join(ciRepairFolder(appDataDir, workspacePath), 'settings.json'), 'utf8').catch(() => null);
  try {
    return text !== null && (JSON.parse(text) as { auto?: unknown }).auto === true;
  } catch {
    return false;
  }
}

/** A repair of `tip` recorded (a failure repaired once is never repaired again automatically). */
export function withRepair(current: BranchRepairs, record: CiRepairRecord): BranchRepairs {
  return { ...current, repairs: [...current.repairs, record], autoSinceGreen: current.autoSinceGreen + (record.auto ? 1 : 0), notice: null };
}
