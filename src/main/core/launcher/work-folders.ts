// Folders commands work in, outside the app-data folder that holds secrets: `<os temp>/fleet-control-<uid>/`,
// created 0700 and refused when someone else owns it or a symlink stands in its place (the temp folder is shared).
// Each launch or checkout gets a folder named by the process that made it, swept when that process is gone.

import { lstat, chmod, mkdir, readdir, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { FleetError } from '../../../shared/errors';

/** The per-user root of work folders: `<temp>/fleet-control-<uid>` (the user name on Windows). */
export function defaultWorkRoot(base = tmpdir()): string {
  const who = process.getuid ? String(process.getuid()) : userInfo().username.replace(/[^\w.-]/g, '_');
  return join(base, `fleet-control-${who}`);
}

/** Creates `dir` (and missing parents) 0700, then makes sure it is a real folder of ours that no one else can enter. */
export async function ensurePrivateFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stat = await lstat(dir);
  if (!stat.isDirectory()) throw new FleetError('FOLDER_UNSAFE', `${dir} is not a folder (a symlink or file stands in its place); remove it and try again.`, { path: dir });
  if (process.getuid && stat.uid !== process.getuid()) {
    throw new FleetError('FOLDER_UNSAFE', `${dir} belongs to another user (uid ${stat.uid}); Fleet Control will not run commands in it. Remove it and try again.`, { path: dir });
  }
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) await chmod(dir, 0o700);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folders below one private root, each named `<pid>-<label>-<random>`: created, removed, swept after a crash. */
export class PidFolders {
  /** `root` lies inside `workRoot`, which is checked first: once it is ours and 0700, nothing below can be planted. */
  constructor(
    readonly workRoot: string,
    readonly root: string,
  ) {}

  /** A new empty private folder. */
  async create(label: string): Promise<string> {
    await ensurePrivateFolder(this.workRoot);
    await ensurePrivateFolder(this.root);
    const dir = join(this.root, `${process.pid}-${label}-${randomBytes(4).toString('hex')}`);
    await mkdir(dir, { mode: 0o700 });
    return dir;
  }

  /** Removes a folder and everything written into it. */
  async remove(dir: string): Promise<void> {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }

  /** Removes folders left by processes that ended without cleaning up (a crash, a kill); returns how many. */
  async sweepLeftovers(): Promise<number> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const pid = Number(name.split('-')[0]);
      if (!Number.isInteger(pid) || pid === process.pid || processAlive(pid)) continue;
      await this.remove(join(this.root, name));
      removed++;
    }
    return removed;
  }
}
