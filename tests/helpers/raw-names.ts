// Test helpers for file names that are not UTF-8: files written and committed by their raw bytes, trees listed by them.

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { GIT_ENV, git, gitBuffer } from './git';

/** A name's bytes given as Latin-1 text ("caf\xe9.txt" is the five bytes c a f 0xE9 ...). */
export const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

/** Writes files whose names are raw bytes (Latin-1 text, "/" between folders) and commits them with the git CLI. */
export function commitRawNames(dir: string, files: Record<string, string>, message: string): void {
  for (const [name, content] of Object.entries(files)) {
    const slash = name.lastIndexOf('/');
    if (slash > 0) mkdirSync(Buffer.concat([Buffer.from(`${dir}/`), latin1(name.slice(0, slash))]), { recursive: true });
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), latin1(name)]), content);
  }
  git(dir, '-c', 'core.quotepath=off', 'add', '-A');
  execFileSync('git', ['commit', '-q', '-m', message], { cwd: dir, env: GIT_ENV });
}

/** `git ls-tree -r -z` of `rev`: raw path (Latin-1 text) -> "mode oid", leaving out paths under `skip` folders. */
export function rawTree(dir: string, rev: string, skip: string[] = ['enhancements/', '.fleet/']): Map<string, string> {
  const lines = gitBuffer(dir, ['ls-tree', '-r', '-z', rev]).toString('latin1').split('\0').filter(Boolean);
  const entries = lines.map((line) => {
    const tab = line.indexOf('\t');
    const [mode, , oid] = line.slice(0, tab).split(' ');
    return [line.slice(tab + 1), `${mode} ${oid}`] as const;
  });
  return new Map(entries.filter(([name]) => !skip.some((folder) => name.startsWith(folder))));
}
