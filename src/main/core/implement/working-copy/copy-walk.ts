// What a working copy holds now, as git would see it: every file and symlink (mode from its type and exec bit) with
// its stat, names read as bytes and decoded the way tree names are, so they map back to the same core strings.
// Empty folders count for nothing (as in git); a submodule's folder stands for the submodule; names a checkout
// refuses (a `.git` a command made, ...) and untracked paths `.gitignore` ignores are never part of a change.

import { lstatSync, readdirSync, readFileSync, type Stats } from 'node:fs';
import { createPacer } from './pacer';
import { unsafeNameReason } from '../../checkout/name-rules';
import { decodeName } from '../../git/name-bytes';
import { joinFsPath } from '../../checkout/fs-name';
import { isIgnored, parseIgnoreFile, type IgnoreFile } from './ignore-rules';

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

/** What the walk must know of the start tree: gitlink folders, and every tracked path and folder (never ignored). */
export interface WalkOptions {
  submodules?: ReadonlySet<string>;
  tracked?: ReadonlySet<string>;
}

/** Every file and symlink below `dir`, leaving out untracked paths the copy's `.gitignore` files ignore. */
export async function walkCopy(dir: string, options: WalkOptions = {}): Promise<Map<string, CopyFile>> {
  const submodules = options.submodules ?? new Set<string>();
  const tracked = options.tracked ?? new Set<string>();
  const found = new Map<string, CopyFile>();
  const pace = createPacer();
  // Synchronous calls, paced: a copy of thousands of files is walked in milliseconds without holding the event loop.
  const visit = async (folder: Buffer, prefix: string, ignores: IgnoreFile[]): Promise<void> => {
    const wait = pace();
    if (wait) await wait;
    let names: Buffer[];
    try {
      names = readdirSync(folder, { encoding: 'buffer' });
    } catch {
      return;
    }
    const here = names.some((raw) => raw.equals(GITIGNORE)) ? readIgnoreFile(joinFsPath(folder, GITIGNORE), prefix.slice(0, -1)) : null;
    const rules = here ? [...ignores, here] : ignores;
    for (const raw of names) {
      const name = decodeName(raw);
      if (unsafeNameReason(name, 'file', 'linux')) continue;
      const full = joinFsPath(folder, raw);
      const stats = lstatSync(full, { throwIfNoEntry: false });
      if (!stats) continue;
      const path = prefix + name;
      const isDir = stats.isDirectory();
      if (!tracked.has(path) && rules.length > 0 && isIgnored(rules, path, isDir)) continue;
      if (isDir) {
        if (submodules.has(path)) found.set(path, { path, mode: '160000', full, stats });
        else await visit(full, `${path}/`, rules);
        continue;
      }
      const mode = gitModeOf(stats);
      if (mode) found.set(path, { path, mode, full, stats });
      const next = pace();
      if (next) await next;
    }
  };
  await visit(Buffer.from(dir), '', []);
  return found;
}

const GITIGNORE = Buffer.from('.gitignore');

/** The rules of a `.gitignore` that is a plain file (a symlink is not followed, as git does not). */
function readIgnoreFile(path: Buffer, base: string): IgnoreFile | null {
  const stats = lstatSync(path, { throwIfNoEntry: false });
  if (!stats?.isFile() || stats.size > 1024 * 1024) return null;
  try {
    return parseIgnoreFile(base, readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}
