// The list of recently opened workspaces, kept in the app-data folder.

import { readFile } from 'node:fs/promises';
import { join, basename } from 'node:path';
import { z } from 'zod';
import type { RecentWorkspace } from '../../shared/types';
import { writeFileAtomic } from './atomic';

const MAX_RECENT = 12;
const RecentFileSchema = z.object({
  workspaces: z.array(z.object({ path: z.string(), name: z.string(), openedAt: z.string() })),
});

export class RecentWorkspaces {
  private readonly file: string;

  constructor(appDataDir: string) {
    this.file = join(appDataDir, 'recent-workspaces.json');
  }

  /** Recent workspaces, newest first; a missing or unreadable file is an empty list. */
  async list(): Promise<RecentWorkspace[]> {
    try {
      const parsed = RecentFileSchema.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      return parsed.success ? parsed.data.workspaces : [];
    } catch {
      return [];
    }
  }

  /** Moves (or adds) `path` to the top of the list. */
  async remember(path: string, now: Date = new Date()): Promise<void> {
    const rest = (await this.list()).filter((w) => w.path !== path);
    const entry: RecentWorkspace = { path, name: basename(path), openedAt: now.toISOString() };
    const workspaces = [entry, ...rest].slice(0, MAX_RECENT);
    await writeFileAtomic(this.file, JSON.stringify({ workspaces }, null, 2));
  }
}
