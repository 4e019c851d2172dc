// Atomic file writes: write a temp file beside the target, flush it, then rename over the target.

import { open, rename, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { makeFolders } from './folders';

/**
 * Writes `content` to `path` so that readers see either the old file or the new one, never half of it. Missing
 * folders are made private (0700): everything written this way is app data, and the file itself is 0600.
 */
export async function writeFileAtomic(path: string, content: string | Buffer): Promise<void> {
  await makeFolders(dirname(path));
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
