// The lock against two Fleet Control processes running batches for one workspace at once (the desktop app and a
// headless `serve` or `run` on the same repository would write the same run records and drafts). It is a file in
// the workspace's app-data folder naming its holder (pid, host, process start time), created whole with an
// exclusive link, held while any batch of this instance runs, refreshed once a minute, and removed when none does.

import { randomUUID } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { makeFolders } from '../folders';
import { readFileSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { FleetError } from '../../../shared/errors';

/** What the lock file says about the process holding it. */
export interface LockHolder {
  pid: number;
  host: string;
  /** When the holding process started (ISO). */
  processStartedAt: string;
  acquiredAt: string;
  /** Tells apart two instances of the core inside one process. */
  owner: string;
}

export interface BatchLockOptions {
  /** A lock from another host is stale once it has not been refreshed for this long (default 10 minutes). */
  foreignStaleMs?: number;
  /** How often a held lock is refreshed (default 60 s). */
  refreshMs?: number;
}

const PROCESS_STARTED_AT = new Date(Date.now() - process.uptime() * 1000).toISOString();

/** True when a process with this pid exists on this machine (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "10:02", or "2026-11-23 10:02" when not today, in this machine's time zone. */
function startedText(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return 'at an unknown time';
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const today = new Date();
  return day === `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}` ? time : `${day} ${time}`;
}

/** AGENTS_BUSY naming the process that holds the lock. */
export function busyError(holder: LockHolder): FleetError {
  const where = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`;
  return new FleetError(
    'AGENTS_BUSY',
    `Batches for this workspace are running in another Fleet Control process (${where}, started ${startedText(holder.processStartedAt)}); wait for them to finish there, or stop that process.`,
    { pid: holder.pid, host: holder.host, processStartedAt: holder.processStartedAt },
  );
}

function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string' || typeof value.owner !== 'string') return null;
    return { pid: value.pid, host: value.host, owner: value.owner, processStartedAt: String(value.processStartedAt ?? ''), acquiredAt: String(value.acquiredAt ?? '') };
  } catch {
    return null;
  }
}

export class BatchLock {
  private readonly owner = randomUUID();
  private holds = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private refresher: NodeJS.Timeout | null = null;
  // A quit that skips the orderly shutdown still removes the lock (a crash leaves it to the pid check).
  private readonly removeOnExit = (): void => {
    try {
      if (parseHolder(readFileSync(this.path, 'utf8'))?.owner === this.owner) unlinkSync(this.path);
    } catch {
      // Nothing to remove.
    }
  };

  constructor(readonly path: string, private readonly options: BatchLockOptions = {}) {}

  /** Takes the lock, or joins this instance's hold on it; AGENTS_BUSY naming the other process when it has it. Resolves with the release. */
  hold(): Promise<() => Promise<void>> {
    const next = this.queue.catch(() => undefined).then(async () => {
      if (this.holds === 0) await this.acquire();
      this.holds++;
      let released = false;
      return () => {
        if (released) return Promise.resolve();
        released = true;
        return this.release();
      };
    });
    this.queue = next;
    return next;
  }

  /** True while this instance holds the lock (some batch of it runs, or is being started). */
  heldHere(): boolean {
    return this.holds > 0;
  }

  /** The live holder when it is another process (or another core in this one); null when free, stale or ours. */
  async otherHolder(): Promise<LockHolder | null> {
    const found = await this.read();
    if (!found || found.holder?.owner === this.owner) return null;
    return found.holder && !this.isStale(found.holder, found.mtimeMs) ? found.holder : null;
  }

  private release(): Promise<void> {
    const next = this.queue.catch(() => undefined).then(async () => {
      this.holds--;
      if (this.holds > 0) return;
      if (this.refresher) clearInterval(this.refresher);
      this.refresher = null;
      process.off('exit', this.removeOnExit);
      const found = await this.read();
      if (found?.holder?.owner === this.owner) await unlink(this.path).catch(() => undefined);
    });
    this.queue = next;
    return next;
  }

  private async acquire(): Promise<void> {
    await makeFolders(dirname(this.path));
    const holder: LockHolder = { pid: process.pid, host: hostname(), processStartedAt: PROCESS_STARTED_AT, acquiredAt: new Date().toISOString(), owner: this.owner };
    // Written whole beside the lock, then linked to its name: the link fails if the lock exists, and a reader never sees half a file.
    const temp = join(dirname(this.path), `.${basename(this.path)}.${this.owner}.tmp`);
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(holder, null, 1)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          await link(temp, this.path);
          this.startRefreshing();
          return;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const found = await this.read();
        if (!found) continue; // removed meanwhile: try again
        if (found.holder && !this.isStale(found.holder, found.mtimeMs)) throw busyError(found.holder);
        await this.takeOver(found.text);
      }
      throw new FleetError('LOCKED', `Could not take the batch lock ${this.path}: other processes keep taking it. Try again.`);
    } finally {
      await unlink(temp).catch(() => undefined);
    }
  }

  /** Moves a stale lock aside; if what moved is not what was judged stale (someone took it meanwhile), puts it back. */
  private async takeOver(staleText: string): Promise<void> {
    const aside = `${this.path}.stale-${randomUUID()}`;
    try {
      await rename(this.path, aside);
    } catch {
      return; // gone already
    }
    const moved = await readFile(aside, 'utf8').catch(() => '');
    if (moved !== staleText) await link(aside, this.path).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
  }

  private isStale(holder: LockHolder, mtimeMs: number): boolean {
    if (holder.host !== hostname()) return Date.now() - mtimeMs > (this.options.foreignStaleMs ?? 10 * 60_000);
    return !processAlive(holder.pid);
  }

  /** The lock file's text, its holder (null when unreadable: stale) and when it was last refreshed; null when absent. */
  private async read(): Promise<{ text: string; holder: LockHolder | null; mtimeMs: number } | null> {
    try {
      const [text, info] = await Promise.all([readFile(this.path, 'utf8'), stat(this.path)]);
      return { text, holder: parseHolder(text), mtimeMs: info.mtimeMs };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  private startRefreshing(): void {
    process.on('exit', this.removeOnExit);
    // Another host cannot check our pid: the file's time tells it the lock is still alive.
    this.refresher = setInterval(() => {
      const now = new Date();
      void utimes(this.path, now, now).catch(() => undefined);
    }, this.options.refreshMs ?? 60_000);
    this.refresher.unref();
  }
}
