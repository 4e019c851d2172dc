// Test helpers: temp folders and the real git CLI, with an environment that ignores the machine's git config.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const tempDirs: string[] = [];

/** A fresh temp folder, removed by `cleanupTempDirs`. */
export function makeTempDir(prefix = 'fleet-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.com',
  GIT_TERMINAL_PROMPT: '0',
};

/** Runs the git CLI in `cwd` and returns its trimmed stdout; throws with git's stderr on failure. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).trimEnd();
}

/** Writes files (relative path -> content) under `dir`, creating folders. */
export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const full = join(dir, rel);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

/** A new repository with `main` as its initial branch (optionally bare). */
export function initRepo(options: { bare?: boolean; branch?: string } = {}): string {
  const dir = makeTempDir('fleet-repo-');
  git(dir, 'init', '-q', `--initial-branch=${options.branch ?? 'main'}`, ...(options.bare ? ['--bare'] : []));
  return dir;
}

/** Writes files and commits them with the git CLI; returns the new commit's oid. */
export function commitFiles(dir: string, files: Record<string, string | Buffer>, message: string, date?: string): string {
  writeFiles(dir, files);
  git(dir, 'add', '-A');
  const env = date ? { ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : GIT_ENV;
  execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], { cwd: dir, env });
  return git(dir, 'rev-parse', 'HEAD');
}

/** Runs the git CLI and returns raw stdout bytes (for object contents); `input` is fed to stdin. */
export function gitBuffer(cwd: string, args: string[], input?: string | Buffer): Buffer {
  return execFileSync('git', args, { cwd, env: GIT_ENV, input, maxBuffer: 1024 * 1024 * 1024 });
}

/** Every object in the repository as `git cat-file --batch-all-objects --batch` reports it: oid -> type and bytes. */
export function catAllObjects(dir: string): Map<string, { type: string; content: Buffer }> {
  const out = gitBuffer(dir, ['cat-file', '--batch-all-objects', '--batch', '--unordered']);
  const objects = new Map<string, { type: string; content: Buffer }>();
  let position = 0;
  while (position < out.length) {
    const newline = out.indexOf(0x0a, position);
    const [oid, type, size] = out.toString('latin1', position, newline).split(' ');
    const start = newline + 1;
    const end = start + Number(size);
    objects.set(oid!, { type: type!, content: out.subarray(start, end) });
    position = end + 1;
  }
  return objects;
}

/** One commit for `importCommits`: files to write (null deletes), parents as earlier indexes, a commit time. */
export interface ImportedCommit {
  branch: string;
  parents: number[];
  time: number;
  files?: Record<string, string | null>;
  message?: string;
}

/** Writes many commits at once with `git fast-import` (fast even for thousands); returns each commit's oid. */
export function importCommits(dir: string, commits: ImportedCommit[]): string[] {
  const chunks: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  commits.forEach((commit, index) => {
    if (commit.parents.length === 0) chunks.push(`reset refs/heads/${commit.branch}\n`);
    chunks.push(`commit refs/heads/${commit.branch}\nmark :${index + 1}\n`);
    chunks.push(`author Test Author <author@example.com> ${commit.time} +0000\n`);
    chunks.push(`committer Test Committer <committer@example.com> ${commit.time} +0000\n`);
    chunks.push(data(commit.message ?? `commit ${index}\n`));
    const [first, ...merges] = commit.parents;
    if (first !== undefined) chunks.push(`from :${first + 1}\n`);
    for (const merge of merges) chunks.push(`merge :${merge + 1}\n`);
    for (const [path, content] of Object.entries(commit.files ?? {})) {
      chunks.push(content === null ? `D ${path}\n` : `M 100644 inline ${path}\n${data(content)}`);
    }
    chunks.push('\n');
  });
  const marksFile = join(makeTempDir('fleet-marks-'), 'marks');
  gitBuffer(dir, ['fast-import', '--quiet', '--force', `--export-marks=${marksFile}`], chunks.join(''));
  const marks = new Map<number, string>();
  for (const line of readFileSync(marksFile, 'utf8').split('\n')) {
    const [mark, oid] = line.split(' ');
    if (mark && oid) marks.set(Number(mark.slice(1)), oid);
  }
  return commits.map((_, index) => marks.get(index + 1)!);
}
