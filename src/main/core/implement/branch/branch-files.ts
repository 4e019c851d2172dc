// Every file a module branch changed since it forked, as `git diff -M --numstat <fork> <tip>` lists them: the tree
// diff (only differing folders are read), renames found as git's rename detection finds them, lines added and
// removed, and whether each file is code or one of Fleet Control's own (documents, settings, generated reports).

import { isFleetPath } from '../../../../shared/fleet-paths';
import type { ChangedFile, ChangeStatus } from '../../../../shared/types-implement';
import type { GitRepository } from '../../git/repository';
import { changedFiles } from '../../git/tree-diff';
import type { TreeEntry } from '../../git/types';
import { looksBinary } from '../../merge/line-merge';
import { detectRenames } from '../../merge/rename-detect';
import { mapLimit } from '../../remotes/map-limit';
import { countLines } from './line-counts';

export type BranchFile = ChangedFile & { kind: 'code' | 'docs' };

const SUBMODULE = '160000';
const READS_AT_ONCE = 8;

/** The bytes of an entry as a diff shows it: a submodule as git prints it, anything else its blob. */
async function contentOf(repo: GitRepository, entry: TreeEntry | null, path: string): Promise<Buffer | null> {
  if (!entry) return null;
  if (entry.mode === SUBMODULE) return Buffer.from(`Subproject commit ${entry.oid}\n`);
  return repo.readBlob(entry.oid, path);
}

async function describe(repo: GitRepository, path: string, before: TreeEntry | null, after: TreeEntry | null, docsFolder: string, oldPath?: string): Promise<BranchFile> {
  const [a, b] = await Promise.all([contentOf(repo, before, oldPath ?? path), contentOf(repo, after, path)]);
  const binary = [a, b].some((content) => content !== null && looksBinary(content));
  // latin1 maps bytes to characters one to one: lines compare byte for byte, whatever the encoding.
  const counts = binary ? { additions: 0, deletions: 0 } : countLines(a?.toString('latin1') ?? '', b?.toString('latin1') ?? '');
  let status: ChangeStatus = !before ? 'added' : !after ? 'deleted' : oldPath ? 'renamed' : 'modified';
  if (status === 'modified' && before!.oid === after!.oid) status = 'mode-changed';
  const code = !isFleetPath(path, docsFolder) || (oldPath !== undefined && !isFleetPath(oldPath, docsFolder));
  return {
    path,
    status,
    ...(oldPath !== undefined ? { oldPath } : {}),
    binary,
    ...counts,
    oldMode: before?.mode ?? null,
    newMode: after?.mode ?? null,
    kind: code ? 'code' : 'docs',
  };
}

/** The files changed from tree `from` (null: none) to tree `to`, renames paired, sorted by path bytes. */
export async function branchFiles(repo: GitRepository, from: string | null, to: string, docsFolder: string): Promise<BranchFile[]> {
  const changes = await changedFiles(repo, from, to);
  const deleted = new Map<string, TreeEntry>();
  const added = new Map<string, TreeEntry>();
  for (const { path, before, after } of changes) {
    if (before && !after) deleted.set(path, before);
    if (after && !before) added.set(path, after);
  }
  // Every deleted file may be a rename source here: the view shows all of them, not only those a merge needs.
  const renames = await detectRenames(repo, { deleted, added, relevant: new Set(deleted.keys()) });
  const renamedTo = new Map([...renames].map(([source, target]) => [target, source]));
  const shown = changes.filter(({ path }) => !renames.has(path)); // a rename's source is shown at its new path
  return mapLimit(shown, READS_AT_ONCE, ({ path, before, after }) => {
    const source = renamedTo.get(path);
    return describe(repo, path, source ? deleted.get(source)! : before, after, docsFolder, source);
  });
}
