// The latest check result and log of each module, in the workspace's app-data folder (one JSON file and one
// log file per module, written atomically). Staleness is not stored: it is judged against the branch when read.

import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckResult } from '../../../shared/types-checks';
import { writeRecordAtomic, writeTextRecordAtomic } from '../secrets/stored-record';
import { workspaceDataDir } from '../paths';
import type { Workspace } from '../workspace/workspace';

const RESULT_FIELDS = ['moduleId', 'state', 'commit', 'command', 'startedAt', 'durationMs', 'exitCode'] as const;

function looksLikeResult(value: unknown): value is CheckResult {
  return typeof value === 'object' && value !== null && RESULT_FIELDS.every((field) => field in value);
}

/** Where one workspace's check results live. */
export class CheckStore {
  constructor(readonly dir: string) {}

  /** The store of the workspace at `workspacePath`, below the app-data folder. */
  static forWorkspace(appDataDir: string, workspacePath: string): CheckStore {
    return new CheckStore(join(workspaceDataDir(appDataDir, workspacePath), 'checks'));
  }

  /** Saves a module's result and its log (log first, so a result never points at an older log). */
  async save(result: CheckResult, log: string): Promise<void> {
    await writeTextRecordAtomic(join(this.dir, 'logs', `${result.moduleId}.log`), log);
    const { stale: _ignored, ...stored } = result;
    await writeRecordAtomic(join(this.dir, 'results', `${result.moduleId}.json`), stored);
  }

  /** Every stored result (unreadable files are skipped: a check run again replaces them). */
  async readAll(): Promise<CheckResult[]> {
    const folder = join(this.dir, 'results');
    const names = await readdir(folder).catch(() => [] as string[]);
    const results: CheckResult[] = [];
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      try {
        const value: unknown = JSON.parse(await readFile(join(folder, name), 'utf8'));
        if (looksLikeResult(value)) results.push(value);
      } catch {
        // A file cut short by a crash of an older version: treat as never checked.
      }
    }
    return results;
  }

  /** The module's last log, or null when it was never checked. */
  async readLog(moduleId: string): Promise<string | null> {
    return readFile(join(this.dir, 'logs', `${moduleId}.log`), 'utf8').catch(() => null);
  }
}

/** Marks each result stale when its module branch moved past the checked commit or is gone. */
export async function withStaleness(workspace: Workspace, results: CheckResult[]): Promise<CheckResult[]> {
  const { manifest, repo } = workspace;
  const branches = await repo.listBranches();
  const known = new Set(manifest.modules.map((m) => m.id));
  return results
    .filter((r) => known.has(r.moduleId))
    .map((r) => ({ ...r, stale: branches.get(`${manifest.branchPrefix}${r.moduleId}`) !== r.commit }));
}

/** The latest check result of every module of `workspace` (optionally only `moduleIds`), with `stale` set. */
export async function readCheckResults(workspace: Workspace, appDataDir: string, moduleIds?: string[]): Promise<CheckResult[]> {
  const all = await CheckStore.forWorkspace(appDataDir, workspace.path).readAll();
  const wanted = moduleIds ? all.filter((r) => moduleIds.includes(r.moduleId)) : all;
  return withStaleness(workspace, wanted);
}
