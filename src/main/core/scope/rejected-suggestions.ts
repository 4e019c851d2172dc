// Suggestions the user rejected, per module, kept in the workspace's app-data folder so they stay hidden after
// a restart. Written atomically; changes to one file are queued so two quick rejections both land.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic';

type Rejections = Record<string, string[]>;

const FILE_NAME = 'rejected-pattern-suggestions.json';
const queues = new Map<string, Promise<unknown>>();

export class RejectedSuggestions {
  private readonly file: string;

  /** `dataDir`: the workspace's app-data folder (workspaceDataDir). */
  constructor(dataDir: string) {
    this.file = join(dataDir, FILE_NAME);
  }

  /** The patterns rejected for `moduleId`, oldest first. */
  async list(moduleId: string): Promise<string[]> {
    return (await this.read())[moduleId] ?? [];
  }

  /** Hides `pattern` for `moduleId`; returns the module's rejected patterns. */
  reject(moduleId: string, pattern: string): Promise<string[]> {
    return this.change(moduleId, (list) => (list.includes(pattern) ? list : [...list, pattern]));
  }

  /** Brings back `patterns` (all of the module's when omitted); returns what stays rejected. */
  restore(moduleId: string, patterns?: string[]): Promise<string[]> {
    return this.change(moduleId, (list) => (patterns ? list.filter((p) => !patterns.includes(p)) : []));
  }

  private change(moduleId: string, edit: (list: string[]) => string[]): Promise<string[]> {
    const run = (queues.get(this.file) ?? Promise.resolve()).catch(() => undefined).then(async () => {
      const all = await this.read();
      const next = edit(all[moduleId] ?? []);
      if (next.length > 0) all[moduleId] = next;
      else delete all[moduleId];
      await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, rejected: all }, null, 2)}\n`);
      return next;
    });
    queues.set(this.file, run);
    return run;
  }

  private async read(): Promise<Rejections> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return {};
    }
    try {
      const data = JSON.parse(text) as { rejected?: unknown };
      const rejected: Rejections = {};
      if (typeof data.rejected !== 'object' || data.rejected === null) return rejected;
      for (const [moduleId, list] of Object.entries(data.rejected)) {
        if (Array.isArray(list)) rejected[moduleId] = list.filter((p): p is string => typeof p === 'string');
      }
      return rejected;
    } catch {
      // A damaged file only means rejected suggestions show again; it is rewritten on the next rejection.
      return {};
    }
  }
}
