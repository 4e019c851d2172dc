// The working copies of one workspace's implementation runs: `<workspace data>/working-copies/<runId>/`, each a
// module branch tip written by the one tree writer, at most `limit()` at once. Beside each copy (outside it, where
// no tool reaches) lie its index and, once it is complete, a `<runId>.ready` marker: a folder without one was
// half-written when the app stopped, and the next sweep removes it.

import { lstat, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkingCopyUsage } from '../../../../shared/types-implement';
import { FleetError } from '../../../../shared/errors';
import { writeCommitToFolder, type WrittenTree } from '../../checkout/write-tree';
import { makeFolders } from '../../folders';
import type { GitRepository } from '../../git/repository';
import { workspaceDataDir } from '../../paths';
import { indexPathOf, recordIndex } from './copy-index';
import { forgetCopy, rememberIndex } from './copy-state';

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/u;
const SIDE_FILE = /^([A-Za-z0-9][A-Za-z0-9_-]{0,127})\.(?:ready|index\.json(?:\.tmp-\d+)?)$/u;

/** The folder holding a workspace's working copies. */
export function workingCopiesRoot(appDataDir: string, workspacePath: string): string {
  return join(workspaceDataDir(appDataDir, workspacePath), 'working-copies');
}

export interface WorkingCopyEntry {
  runId: string;
  dir: string;
  /** False for a copy still being written (or half-written by a process that stopped). */
  ready: boolean;
}

/** Per root (shared by every WorkingCopies of one workspace in this process): copies being written, and the lock. */
const roots = new Map<string, { creating: Set<string>; gate: Promise<unknown> }>();

/** The working copies of one workspace: create, find, measure, remove and sweep. */
export class WorkingCopies {
  readonly root: string;
  private readonly shared: { creating: Set<string>; gate: Promise<unknown> };

  constructor(private readonly options: { appDataDir: string; workspacePath: string; limit: number | (() => number) }) {
    this.root = workingCopiesRoot(options.appDataDir, options.workspacePath);
    let shared = roots.get(this.root);
    if (!shared) roots.set(this.root, (shared = { creating: new Set(), gate: Promise.resolve() }));
    this.shared = shared;
  }

  private get creating(): Set<string> {
    return this.shared.creating;
  }

  /** How many copies may exist at once (the workspace's setting). */
  limit(): number {
    const { limit } = this.options;
    return typeof limit === 'function' ? limit() : limit;
  }

  /** The folder of run `runId`'s copy (whether or not it exists); INVALID_INPUT for an id that is not a plain name. */
  dir(runId: string): string {
    if (!RUN_ID.test(runId)) throw new FleetError('INVALID_INPUT', `"${runId}" is not a run id.`, { runId });
    return join(this.root, runId);
  }

  /** True when run `runId` has a complete copy. */
  async exists(runId: string): Promise<boolean> {
    return (await lstat(`${this.dir(runId)}.ready`).catch(() => null)) !== null;
  }

  /**
   * Writes commit `commit` of `repo` as run `runId`'s copy; WORKING_COPY_LIMIT when `limit()` copies exist already.
   * A failure or cancel leaves nothing behind.
   */
  async create(runId: string, repo: GitRepository, commit: string, signal?: AbortSignal): Promise<WrittenTree & { dir: string }> {
    const dir = this.dir(runId);
    await this.reserve(runId, dir);
    try {
      const written = await writeCommitToFolder(repo, commit, dir, { signal, stats: true });
      rememberIndex(dir, await recordIndex(dir, commit, written.entries));
      if (signal?.aborted) throw new FleetError('CANCELLED', 'Writing the working copy was cancelled.');
      await writeFile(`${dir}.ready`, `${commit}\n`, { flag: 'wx', mode: 0o600 });
      return { ...written, dir };
    } catch (error) {
      await this.removeFiles(dir);
      throw error;
    } finally {
      this.creating.delete(runId);
    }
  }

  /** Counts copies and makes the run's empty folder under one lock, so two creates cannot both pass the limit. */
  private async reserve(runId: string, dir: string): Promise<void> {
    const step = this.shared.gate.then(async () => {
      await makeFolders(this.root);
      const existing = await this.list();
      if (existing.some((copy) => copy.runId === runId) || this.creating.has(runId)) {
        throw new FleetError('PATH_OCCUPIED', `Run ${runId} already has a working copy.`, { runId, path: dir });
      }
      const limit = this.limit();
      if (existing.length >= limit) {
        throw new FleetError('WORKING_COPY_LIMIT', `${existing.length} working copies exist already (the limit is ${limit}); discard or accept a run, or raise the limit in the workspace settings.`, { count: existing.length, limit });
      }
      await mkdir(dir, { mode: 0o700 });
      this.creating.add(runId);
    });
    this.shared.gate = step.catch(() => undefined);
    await step;
  }

  /** Removes run `runId`'s copy, its index and marker (the marker first: an interrupted removal is swept later). */
  async remove(runId: string): Promise<void> {
    await this.removeFiles(this.dir(runId));
  }

  private async removeFiles(dir: string): Promise<void> {
    await rm(`${dir}.ready`, { force: true });
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    await rm(indexPathOf(dir), { force: true });
    forgetCopy(dir);
  }

  /** Every copy's folder, complete or not. */
  async list(): Promise<WorkingCopyEntry[]> {
    const names = await readdir(this.root, { withFileTypes: true }).catch(() => []);
    const ready = new Set(names.filter((n) => n.isFile() && n.name.endsWith('.ready')).map((n) => n.name.slice(0, -'.ready'.length)));
    return names
      .filter((n) => n.isDirectory() && RUN_ID.test(n.name))
      .map((n) => ({ runId: n.name, dir: join(this.root, n.name), ready: ready.has(n.name) }))
      .sort((a, b) => a.runId.localeCompare(b.runId));
  }

  /** How many copies exist and the bytes their files and symlinks take. */
  async usage(): Promise<WorkingCopyUsage> {
    const copies = await this.list();
    const sizes = await Promise.all(copies.map((copy) => folderBytes(copy.dir)));
    return { count: copies.length, bytes: sizes.reduce((sum, n) => sum + n, 0), limit: this.limit(), root: this.root };
  }

  /** Removes copies whose run `keep` says is over (gone, committed, discarded), half-written ones and stray side files; returns their run ids. */
  async sweep(keep: (runId: string) => boolean): Promise<string[]> {
    const copies = await this.list();
    const removed: string[] = [];
    for (const copy of copies) {
      if (this.creating.has(copy.runId) || (copy.ready && keep(copy.runId))) continue;
      await this.removeFiles(copy.dir);
      removed.push(copy.runId);
    }
    const folders = new Set(copies.map((copy) => copy.runId));
    const names = await readdir(this.root).catch(() => [] as string[]);
    for (const name of names) {
      const runId = SIDE_FILE.exec(name)?.[1];
      if (runId && !folders.has(runId) && !this.creating.has(runId)) await rm(join(this.root, name), { force: true });
    }
    return removed;
  }
}

/** Bytes of the files and symlinks below `dir` (links not followed, names as bytes). */
async function folderBytes(dir: Buffer | string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, encoding: 'buffer' }).catch(() => []);
  const sizes = await Promise.all(
    entries.map(async (entry) => {
      const full = Buffer.concat([Buffer.from(dir), Buffer.from('/'), entry.name]);
      if (entry.isDirectory()) return folderBytes(full);
      return (await lstat(full).catch(() => ({ size: 0 }))).size;
    }),
  );
  return sizes.reduce((sum, n) => sum + n, 0);
}
