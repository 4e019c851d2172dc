// Creating folders: missing parents one mkdir at a time, private (0700) by default. Node's mkdir({ recursive })
// loops forever where a file system answers ENOENT for a folder whose parent exists (procfs does), so it is not used.

import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** App data, per-workspace folders and their contents are the user's alone. */
export const PRIVATE_FOLDER_MODE = 0o700;

/**
 * Makes `path` and any missing parents with `mode`; returns the top-most folder it created (null when `path`
 * already was a folder), so a caller can remove exactly what it made. Errors are the file system's own.
 */
export async function makeFolders(path: string, mode = PRIVATE_FOLDER_MODE): Promise<string | null> {
  const missing: string[] = [];
  let current = resolve(path);
  for (;;) {
    // stat, not lstat: a parent that is a link to a folder (/tmp on macOS) is a folder.
    const info = await stat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (info) {
      if (!info.isDirectory()) throw Object.assign(new Error(`${current} is not a folder`), { code: 'ENOTDIR', path: current });
      break;
    }
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing.reverse()) {
    await mkdir(folder, { mode }).catch(async (error: NodeJS.ErrnoException) => {
      // Made by someone else meanwhile: fine, as long as it is a folder.
      if (error.code !== 'EEXIST' || !(await stat(folder)).isDirectory()) throw error;
    });
  }
  return missing[0] ?? null;
}
