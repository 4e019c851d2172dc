// One file's two sides as a read-only diff shows them, from two tree entries: the branch view (fork point -> tip) and
// a remote run's review (start tip -> review commit) both answer FileSides this way.

import type { FileSides } from '../../../../shared/types-implement';
import type { GitRepository } from '../../git/repository';
import type { TreeEntry } from '../../git/types';
import { looksBinary } from '../../merge/line-merge';

/** The text a diff shows for an entry: a file's or link's bytes, a submodule's commit as git prints it. */
async function sideOf(repo: GitRepository, entry: TreeEntry | null, path: string): Promise<Buffer | null> {
  if (!entry || entry.type === 'tree') return null;
  if (entry.type === 'commit') return Buffer.from(`Subproject commit ${entry.oid}\n`);
  return repo.readBlob(entry.oid, path);
}

/** `before` (at `oldPath` when the file was renamed) and `after` of `path`; no text on either side when one is binary. */
export async function fileSides(repo: GitRepository, path: string, before: TreeEntry | null, after: TreeEntry | null, oldPath?: string): Promise<FileSides> {
  const [a, z] = await Promise.all([sideOf(repo, before, oldPath ?? path), sideOf(repo, after, path)]);
  const binary = [a, z].some((content) => content !== null && looksBinary(content));
  return {
    path,
    ...(oldPath ? { oldPath } : {}),
    before: binary || !a ? null : a.toString('utf8'),
    after: binary || !z ? null : z.toString('utf8'),
    binary,
    beforeBlob: before?.type === 'blob' ? before.oid : null,
    afterBlob: after?.type === 'blob' ? after.oid : null,
  };
}
