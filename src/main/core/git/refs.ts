// Reads refs: HEAD, loose ref files, packed-refs, symbolic refs; caches values until told that .git changed.
// The files are read synchronously, as loose objects are (loose-objects.ts): a ref is a 41-byte local file and a
// board lists a hundred of them; through the thread pool each took an open, a stat, a read and a close in turn.

import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { RepositoryLayout } from './layout';
import { isOid } from './oid';
import { isPerWorktreeRef } from './ref-name';
import type { HeadInfo } from './types';

const MAX_SYMREF_DEPTH = 5;
const PSEUDO_REF = /^[A-Z][A-Z_]*HEAD$/;

/** Where the loose file of full ref `name` lives: the work tree's git folder for per-worktree refs, else the common folder. */
export function refFilePath(layout: RepositoryLayout, name: string): string {
  return join(isPerWorktreeRef(name) || PSEUDO_REF.test(name) ? layout.gitdir : layout.commondir, name);
}

/** Parses packed-refs text into full name -> oid (peeled "^" lines and the header skipped). */
export function parsePackedRefs(text: string): Map<string, string> {
  const refs = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.length < 42 || line.startsWith('#') || line.startsWith('^')) continue;
    const oid = line.slice(0, 40);
    if (isOid(oid) && line[40] === ' ') refs.set(line.slice(41).trimEnd(), oid);
  }
  return refs;
}

/** packed-refs text without the lines of `refs` (and their peeled "^" lines); the very same text when none is there. */
export function withoutPackedRefs(text: string, refs: Set<string>): string {
  const lines = text.split('\n');
  const kept: string[] = [];
  let dropping = false;
  for (const line of lines) {
    if (!line.startsWith('^')) dropping = line.length > 41 && line[40] === ' ' && refs.has(line.slice(41).trimEnd());
    if (!dropping) kept.push(line);
  }
  return kept.length === lines.length ? text : kept.join('\n');
}

/** Reads the packed-refs file of the common folder (empty when there is none). */
export async function readPackedRefs(layout: RepositoryLayout): Promise<Map<string, string>> {
  let text = '';
  try {
    text = readFileSync(join(layout.commondir, 'packed-refs'), 'utf8');
  } catch {
    // No packed-refs file: every ref is loose.
  }
  return parsePackedRefs(text);
}

/** The trimmed content of a loose ref file ("<oid>" or "ref: <target>"), or null when there is no such file. */
export async function readLooseRef(layout: RepositoryLayout, name: string): Promise<string | null> {
  try {
    const text = readFileSync(refFilePath(layout, name), 'utf8').trim();
    return text === '' ? null : text;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
    throw error;
  }
}

/** Ref values of one repository, cached until invalidate() (called when the watcher sees .git change). */
export class RefStore {
  private packed: Promise<Map<string, string>> | null = null;
  private readonly values = new Map<string, Promise<string | null>>();
  private branches: Promise<Map<string, string>> | null = null;

  constructor(private readonly layout: RepositoryLayout) {}

  /** Forgets every cached value; the next read goes to disk. */
  invalidate(): void {
    this.packed = null;
    this.values.clear();
    this.branches = null;
  }

  /** Records a value this process just wrote, so reads need not go back to disk. */
  noteUpdated(name: string, oid: string): void {
    this.values.set(name, Promise.resolve(oid));
    // Symbolic refs (HEAD, refs/remotes/x/HEAD) may point at the ref that moved.
    for (const key of [...this.values.keys()]) if (key === 'HEAD' || key.endsWith('/HEAD')) this.values.delete(key);
    const branches = this.branches;
    if (branches && name.startsWith('refs/heads/')) this.branches = branches.then((map) => new Map(map).set(name.slice(11), oid));
    else this.branches = null;
  }

  private packedRefs(): Promise<Map<string, string>> {
    this.packed ??= readPackedRefs(this.layout);
    return this.packed;
  }

  /** The raw value of full ref `name` (loose file first, then packed-refs): an oid, "ref: ...", or null. */
  private async rawValue(name: string): Promise<string | null> {
    const loose = await readLooseRef(this.layout, name);
    if (loose !== null) return loose;
    return (await this.packedRefs()).get(name) ?? null;
  }

  /** The oid full ref `name` points to, following symbolic refs; null when it or its target does not exist. */
  private async resolveFull(name: string, depth = 0): Promise<string | null> {
    const raw = await this.rawValue(name);
    if (raw === null) return null;
    if (raw.startsWith('ref:')) return depth >= MAX_SYMREF_DEPTH ? null : this.resolveFull(raw.slice(4).trim(), depth + 1);
    return isOid(raw) ? raw : null;
  }

  private cachedResolve(name: string): Promise<string | null> {
    let value = this.values.get(name);
    if (!value) {
      value = this.resolveFull(name);
      this.values.set(name, value);
      value.catch(() => this.values.delete(name));
    }
    return value;
  }

  /** Resolves 'HEAD', a full ref ('refs/heads/x'), or a short name (branch first, then tag, then remote). */
  async resolve(name: string): Promise<string | null> {
    if (name === 'HEAD' || PSEUDO_REF.test(name) || name.startsWith('refs/')) return this.cachedResolve(name);
    for (const candidate of [`refs/heads/${name}`, `refs/tags/${name}`, `refs/remotes/${name}`, `refs/remotes/${name}/HEAD`]) {
      const oid = await this.cachedResolve(candidate);
      if (oid) return oid;
    }
    return null;
  }

  /** HEAD of this work tree: its branch (short name, even if unborn) and the commit it points to. */
  async readHead(): Promise<HeadInfo> {
    const raw = await readLooseRef(this.layout, 'HEAD');
    if (raw === null) return { branch: null, oid: null, detached: false };
    if (!raw.startsWith('ref:')) return { branch: null, oid: isOid(raw) ? raw : null, detached: true };
    const target = raw.slice(4).trim();
    const branch = target.startsWith('refs/heads/') ? target.slice('refs/heads/'.length) : null;
    return { branch, oid: await this.cachedResolve(target), detached: false };
  }

  /** Every local branch: short name -> oid. Loose refs override packed-refs. */
  listBranches(): Promise<Map<string, string>> {
    this.branches ??= this.readBranches().catch((error: unknown) => {
      this.branches = null;
      throw error;
    });
    return this.branches.then((map) => new Map(map));
  }

  private async readBranches(): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    for (const [name, oid] of await this.packedRefs()) if (name.startsWith('refs/heads/')) result.set(name.slice(11), oid);
    const looseNames: string[] = [];
    const walk = async (folder: string, prefix: string): Promise<void> => {
      let entries: Dirent[] = [];
      try {
        entries = readdirSync(folder, { withFileTypes: true });
      } catch {
        // No such folder: no loose branches under it.
      }
      await Promise.all(
        entries.map(async (entry) => {
          if (entry.isDirectory()) await walk(join(folder, entry.name), `${prefix}${entry.name}/`);
          else if (!entry.name.endsWith('.lock')) looseNames.push(`${prefix}${entry.name}`);
        }),
      );
    };
    await walk(join(this.layout.commondir, 'refs', 'heads'), '');
    await Promise.all(
      looseNames.map(async (short) => {
        const oid = await this.resolveFull(`refs/heads/${short}`);
        if (oid) result.set(short, oid);
        else result.delete(short);
      }),
    );
    for (const [short, oid] of result) if (!this.values.has(`refs/heads/${short}`)) this.values.set(`refs/heads/${short}`, Promise.resolve(oid));
    return new Map([...result].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
