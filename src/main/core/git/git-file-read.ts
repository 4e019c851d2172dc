// Reading git's own metadata files whole (pack indexes, commit-graph layers, small pointer and list files): in one
// synchronous call when small, in the background when large. A synchronous read from the page cache takes a few microseconds (~1
// ms at the limit), where an asynchronous one goes through the thread pool four times (open, stat, read, close): a
// repository with dozens of small packs waited 10-18 ms for them, and a push waited ~10 ms for its commit-graph.

import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** Files up to this size are read synchronously. */
const SYNC_READ_BYTES = 4 * 1024 * 1024;

/** The whole file; rejects (ENOENT and the like) as readFile would. */
export async function readGitFile(path: string): Promise<Buffer> {
  return statSync(path).size <= SYNC_READ_BYTES ? readFileSync(path) : readFile(path);
}

/**
 * A small text file of git's (a pointer such as `commondir` or a `.git` file, a list such as `shallow`, `alternates`
 * or a commit-graph chain), or '' when it is missing or cannot be read.
 */
export function readGitText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** The file's size and modification time, or null when it cannot be read. */
export function fileStamp(path: string): { size: number; mtimeMs: number } | null {
  try {
    const { size, mtimeMs } = statSync(path);
    return { size, mtimeMs };
  } catch {
    return null;
  }
}
