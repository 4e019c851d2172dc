// Finds where a repository keeps its parts: work tree, git folder, common folder (worktrees), bare or not.

import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { FleetError } from '../../../shared/errors';
import { configBoolean, readGitConfig } from './git-config';

export interface RepositoryLayout {
  workdir: string | null;
  gitdir: string;
  commondir: string;
  bare: boolean;
}

async function kindOf(path: string): Promise<'file' | 'dir' | null> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? 'dir' : 'file';
  } catch {
    return null;
  }
}

/** The common folder of a git folder: itself, or what its `commondir` file names (linked worktrees). */
async function commondirOf(gitdir: string): Promise<string> {
  try {
    const text = (await readFile(join(gitdir, 'commondir'), 'utf8')).trim();
    return text ? resolve(gitdir, text) : gitdir;
  } catch {
    return gitdir;
  }
}

/** True when `dir` looks like a git folder as git itself checks it: HEAD, plus objects and refs in its common folder. */
async function isGitDir(dir: string): Promise<boolean> {
  if ((await kindOf(join(dir, 'HEAD'))) !== 'file') return false;
  const common = await commondirOf(dir);
  return (await kindOf(join(common, 'objects'))) === 'dir' && (await kindOf(join(common, 'refs'))) === 'dir';
}

/** The git folder a `.git` file ("gitdir: ...", as `git worktree add` writes) points to, or null. */
async function gitdirFromFile(dotGitFile: string): Promise<string | null> {
  const text = await readFile(dotGitFile, 'utf8').catch(() => '');
  const match = /^gitdir:\s*(.+?)\s*$/m.exec(text);
  if (!match) return null;
  const target = match[1]!;
  return isAbsolute(target) ? target : resolve(dirname(dotGitFile), target);
}

/** The top folder of the nearest repository that contains `path`, or null. */
async function enclosingRepository(path: string): Promise<string | null> {
  let current = dirname(path);
  let child = path;
  while (current !== child) {
    const dotGit = join(current, '.git');
    const kind = await kindOf(dotGit);
    if (kind === 'dir' && (await isGitDir(dotGit))) return current;
    if (kind === 'file' && (await gitdirFromFile(dotGit))) return current;
    if (await isGitDir(current)) return basename(current) === '.git' ? dirname(current) : current;
    child = current;
    current = dirname(current);
  }
  return null;
}

async function layoutFor(workdir: string | null, gitdir: string, bare: boolean): Promise<RepositoryLayout> {
  const commondir = await commondirOf(gitdir);
  const config = await readGitConfig(join(commondir, 'config'));
  const format = config.get('extensions.objectformat');
  if (format && format.toLowerCase() !== 'sha1') {
    throw new FleetError('UNSUPPORTED', `The repository at ${workdir ?? gitdir} uses ${format} object ids; Fleet Control reads SHA-1 repositories only.`, {
      path: workdir ?? gitdir,
    });
  }
  return { workdir, gitdir, commondir, bare };
}

/** Finds the layout of the repository whose top folder (or bare folder) is `path`; clear errors otherwise. */
export async function discoverLayout(inputPath: string): Promise<RepositoryLayout> {
  const path = resolve(inputPath);
  const kind = await kindOf(path);
  if (kind === null) throw new FleetError('PATH_NOT_FOUND', `${path} does not exist.`, { path });
  if (kind === 'file') throw new FleetError('NOT_A_REPO', `${path} is a file, not a folder. Choose the top folder of a git repository.`, { path });

  const dotGit = join(path, '.git');
  const dotGitKind = await kindOf(dotGit);
  if (dotGitKind === 'dir' && (await isGitDir(dotGit))) return layoutFor(path, dotGit, false);
  if (dotGitKind === 'file') {
    const gitdir = await gitdirFromFile(dotGit);
    if (gitdir && (await isGitDir(gitdir))) return layoutFor(path, gitdir, false);
    throw new FleetError('NOT_A_REPO', `${path} has a .git file that does not point to a usable git folder${gitdir ? ` (${gitdir})` : ''}. If this was a worktree, run "git worktree prune" in its repository.`, {
      path,
    });
  }
  if (await isGitDir(path)) {
    const config = await readGitConfig(join(await commondirOf(path), 'config'));
    if (basename(path) === '.git' && configBoolean(config.get('core.bare')) !== true) {
      const top = dirname(path);
      throw new FleetError('NOT_A_REPO', `${path} is the .git folder of the repository at ${top}; open ${top} instead.`, { path, repository: top });
    }
    return layoutFor(null, path, true);
  }
  const parent = await enclosingRepository(path);
  if (parent) {
    throw new FleetError('NOT_A_REPO', `${path} is inside the repository at ${parent}; open ${parent} instead.`, { path, repository: parent });
  }
  throw new FleetError('NOT_A_REPO', `${path} is not a git repository: it has no .git folder. Choose the top folder of a repository, or run "git init" there first.`, {
    path,
  });
}
