// What a working copy holds now, as git would see it: every file and symlink (mode from its type and exec bit) with
// its stat, names read as bytes and decoded the way tree names are, so they map back to the same core strings.
// Empty folders count for nothing (as in git); a submodule's folder stands for the submodule; names a checkout
// refuses (a `.git` a command made, ...) are never part of a change.

import { lstat, readdir } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { unsafeNameReason } from '../../checkout/name-rules';
import { decodeName } from '../../git/name-bytes';
import { joinFsPath } from '../../checkout/fs-name';

export interface CopyFile {
  path: string;
  /** '100644', '100755', '120000', or '160000' for a submodule's folder. */
  mode: string;
  full: Buffer;
  stats: Stats;
}

/** The git mode of a file-system entry, or null for anything git does not store (folders, sockets, ...). */
export function gitModeOf(stats: Stats): string | null {
  if (stats.isSymbolicLink()) return '120000';
  if (stats.isFile()) return stats.mode & 0o100 ? '100755' : '100644';
  return null;
}

/** Every file and symlink below `dir`; `submodules` are folder paths that stand for a gitlink. */
export async function walkCopy(dir: string, submodules: ReadonlySet<string> = new Set()): Promise<Map<string, CopyFile>> {
  const found = new Map<string, CopyFile>();
  const visit = async (folder: Buffer, prefix: string): Promise<void> => {
    const names = await readdir(folder, { encoding: 'buffer' }).catch(() => [] as Buffer[]);
    await Promise.all(
      names.map(async (raw) => {
        const name = decodeName(raw);
        if (unsafeNameReason(name, 'file', 'linux')) return;
        const full = joinFsPath(folder, raw);
        const stats = await lstat(full).catch(() => null);
        if (!stats) return;
        const path = prefix + name;
        if (stats.isDirectory()) {
          if (submodules.has(path)) found.set(path, { path, mode: '160000', full, stats });
          else await visit(full, `${path}/`);
          return;
        }
        const mode = gitModeOf(stats);
        if (mode) found.set(path, { path, mode, full, stats });
      }),
    );
  };
  await visit(Buffer.from(dir), '');
  return found;
}
