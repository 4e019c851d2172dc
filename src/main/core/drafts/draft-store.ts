// Unsaved edits kept on disk per workspace, written atomically, so a crash or a killed process loses nothing.

import { readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../atomic';

const DraftSchema = z.object({
  key: z.string(),
  content: z.string(),
  /** The blob the edit started from (null for a new document) and the branch tip at that time. */
  baseBlobId: z.string().nullable(),
  baseTip: z.string().nullable(),
  savedAt: z.string(),
});

export type Draft = z.infer<typeof DraftSchema>;

function fileName(key: string): string {
  return `${encodeURIComponent(key)}.json`;
}

export class DraftStore {
  /** Folder that holds this workspace's drafts (one JSON file per document). */
  constructor(private readonly folder: string, private readonly onCorrupt: (file: string, movedTo: string) => void = () => undefined) {}

  /** Saves `draft` atomically: readers see the previous draft or this one, never a torn file. */
  async save(draft: Omit<Draft, 'savedAt'>, now: Date = new Date()): Promise<Draft> {
    const full: Draft = { ...draft, savedAt: now.toISOString() };
    await writeFileAtomic(join(this.folder, fileName(draft.key)), JSON.stringify(full));
    return full;
  }

  /** The draft for `key`, or null; a corrupt draft file is set aside (renamed) and reported, never thrown. */
  async load(key: string): Promise<Draft | null> {
    const file = join(this.folder, fileName(key));
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return null;
    }
    try {
      const parsed = DraftSchema.parse(JSON.parse(text));
      if (parsed.key !== key) throw new Error('key mismatch');
      return parsed;
    } catch {
      const movedTo = `${file}.corrupt-${Date.now()}`;
      await rename(file, movedTo).catch(() => undefined);
      this.onCorrupt(file, movedTo);
      return null;
    }
  }

  /** Removes the draft for `key` (after its content was committed). */
  async discard(key: string): Promise<void> {
    await rm(join(this.folder, fileName(key)), { force: true });
  }

  /** Keys of every draft on disk. */
  async keys(): Promise<string[]> {
    const names = await readdir(this.folder).catch(() => [] as string[]);
    return names.filter((n) => n.endsWith('.json')).map((n) => decodeURIComponent(n.slice(0, -'.json'.length)));
  }
}
