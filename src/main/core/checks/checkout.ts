// Writes a commit's files into a folder with the project's own object reader: no git CLI, no index, never the
// user's working tree. Keeps executable bits and symlinks; submodules (gitlinks) become empty folders, as git does.

import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FleetError } from '../../../shared/errors';
import type { GitRepository } from '../git/repository';
import { mapLimit } from '../remotes/map-limit';

/** Files written at once: enough to hide the disk's latency, few enough to stay far from the open-file limit. */
const WRITE_CONCURRENCY = 16;

interface FileToWrite {
  path: string;
  mode: string;
  oid: string;
}

/** Names git itself refuses to check out; a crafted tree must not write outside the folder or into a .git. */
function isSafeName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && name.toLowerCase() !== '.git' && !/[/\\\0]/.test(name);
}

async function collect(repo: GitRepository, treeOid: string, dir: string, files: FileToWrite[], signal?: AbortSignal): Promise<void> {
  for (const entry of await repo.readTree(treeOid)) {
    if (signal?.aborted) throw new FleetError('CANCELLED', 'The check was cancelled while its checkout was being written.');
    if (!isSafeName(entry.path)) continue;
    const path = join(dir, entry.path);
    if (entry.type === 'tree') {
      await mkdir(path);
      await collect(repo, entry.oid, path, files, signal);
    } else if (entry.type === 'commit') {
      await mkdir(path); // a submodule's place, left empty
    } else {
      files.push({ path, mode: entry.mode, oid: entry.oid });
    }
  }
}

async function writeOne(repo: GitRepository, file: FileToWrite): Promise<void> {
  const content = await repo.readBlob(file.oid);
  if (file.mode === '120000') {
    try {
      await symlink(content.toString('utf8'), file.path);
      return;
    } catch (error) {
      // Where links cannot be made (Windows without the privilege), git writes the target as a file.
      if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
    }
  }
  await writeFile(file.path, content, { mode: file.mode === '100755' ? 0o755 : 0o644 });
}

/** Writes every file of `commitOid` below the empty folder `dir`; returns how many files were written. */
export async function writeCheckout(repo: GitRepository, commitOid: string, dir: string, signal?: AbortSignal): Promise<number> {
  const commit = await repo.readCommit(commitOid);
  const files: FileToWrite[] = [];
  await collect(repo, commit.tree, dir, files, signal);
  await mapLimit(files, WRITE_CONCURRENCY, async (file) => {
    if (signal?.aborted) throw new FleetError('CANCELLED', 'The check was cancelled while its checkout was being written.');
    await writeOne(repo, file);
  });
  return files.length;
}
