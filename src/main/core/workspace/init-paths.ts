// Before init writes anything: the documents folder and .fleet must be folders (or absent) on the base branch, or
// every module branch would replace that file, link or submodule, and merging a module would then delete it.

import type { GitRepository } from '../git/repository';
import { entryKind } from '../git/tree-format';
import type { TreeEntry } from '../git/types';
import { MANIFEST_PATH } from '../../../shared/catalog';
import { FleetError } from '../../../shared/errors';
import type { Manifest } from '../../../shared/manifest';

/** The first entry along `path` ("a/b/c": a, a/b, a/b/c) that is not a folder, with its own path; null when none is. */
async function firstNonFolder(repo: GitRepository, tree: string, path: string): Promise<{ path: string; entry: TreeEntry } | null> {
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    const entry = await repo.entryAtPath(tree, prefix);
    if (!entry) return null;
    if (entry.type !== 'tree') return { path: prefix, entry };
  }
  return null;
}

const isPlainFile = (entry: TreeEntry) => entry.type === 'blob' && entry.mode !== '120000';

function occupiedError(found: { path: string; entry: TreeEntry }, branch: string, remedy: string, extra: Record<string, unknown>): FleetError {
  const kind = entryKind(found.entry);
  return new FleetError('PATH_OCCUPIED', `The branch "${branch}" already has "${found.path}" as ${kind}. ${remedy}`, {
    path: found.path,
    kind: kind.replace(/^an? /, ''),
    branch,
    ...extra,
  });
}

/**
 * PATH_OCCUPIED, before anything is written, when `tree` (the tip of `branch`) holds a file, symbolic link or submodule
 * where the manifest or the documents go: the documents folder (or a folder above it), a module's folder, `.fleet` or
 * its manifest.
 */
export async function checkInitPaths(repo: GitRepository, tree: string, branch: string, manifest: Manifest, manifestStored: boolean): Promise<void> {
  const fleet = await firstNonFolder(repo, tree, MANIFEST_PATH);
  const manifestBlocked = fleet && (fleet.path !== MANIFEST_PATH || !isPlainFile(fleet.entry));
  if (fleet && manifestBlocked) {
    throw occupiedError(
      fleet,
      branch,
      `Fleet Control keeps its workspace manifest at ${MANIFEST_PATH} and would replace it on the workspace branch. ` +
        `Rename or remove "${fleet.path}" on ${branch} first; the manifest's place cannot be changed. Nothing was written.`,
      { manifestPath: MANIFEST_PATH },
    );
  }
  const docsFolder = manifest.docsFolder;
  const chooseAnother = manifestStored
    ? `change "docsFolder" in ${MANIFEST_PATH} on ${manifest.workspaceBranch}`
    : 'choose another documents folder in the Initialise form, or run "fleet-control init <repo> --docs-folder <folder>"';
  const remedy =
    `Fleet Control keeps each module's documents under ${docsFolder}/<module>/ and would replace it on every module branch ` +
    `(and merging a module would then delete it). To keep it, ${chooseAnother}. Nothing was written.`;
  const folder = await firstNonFolder(repo, tree, docsFolder);
  if (folder) throw occupiedError(folder, branch, remedy, { docsFolder });
  for (const module of manifest.modules) {
    const below = await firstNonFolder(repo, tree, `${docsFolder}/${module.id}`);
    if (below) throw occupiedError(below, branch, remedy, { docsFolder, moduleId: module.id });
  }
}
