// Temporary checkout folders for checks, below the workspace's app-data folder: one per run, named by the
// process that made it, removed afterwards, and swept at start when the process that made them is gone.

import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The folder holding one workspace's temporary checkouts. */
export class CheckoutFolders {
  constructor(private readonly root: string) {}

  /** A new empty folder for one module's checkout. */
  async create(moduleId: string): Promise<string> {
    const dir = join(this.root, `${process.pid}-${moduleId}-${randomBytes(4).toString('hex')}`);
    await mkdir(dir, { recursive: true });
    return dir;
  }

  /** Removes a checkout and everything the check wrote into it. */
  async remove(dir: string): Promise<void> {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }

  /** Removes checkouts left by processes that ended without cleaning up (a crash, a kill); returns how many. */
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
