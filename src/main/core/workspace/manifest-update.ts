// Commits a changed manifest on the workspace branch (compare-and-swap), for every feature that edits it:
// module path patterns, check commands, merge settings.

import type { Manifest } from '../../../shared/manifest';
import { ManifestSchema, describeIssues } from '../../../shared/manifest';
import { MANIFEST_PATH } from '../../../shared/catalog';
import { FleetError } from '../../../shared/errors';
import { commitDocuments } from '../docs/commit-docs';
import { serializeManifest } from './manifest-store';
import type { Workspace } from './workspace';

export interface ManifestUpdate {
  /** The manifest as it is committed now -> the manifest to commit. Throw a FleetError to refuse. */
  change: (current: Manifest) => Manifest;
  message: string;
  /** The workspace branch tip the user's edit started from; BRANCH_MOVED if it moved since. Default: the tip read now. */
  expectedTip?: string;
}

/** Validates and commits the changed manifest; returns the new workspace-branch commit, or null when nothing changed. */
export async function updateManifest(workspace: Workspace, update: ManifestUpdate): Promise<{ commit: string | null; manifest: Manifest }> {
  // Read the branch as it is on disk now: a commit from a terminal may not have reached the file watcher yet.
  workspace.repo.invalidateRefs();
  await workspace.refreshManifest();
  const tip = workspace.manifestCommit;
  if (!tip) throw new FleetError('NOT_INITIALISED', 'The workspace is not initialised yet: initialise it before editing its manifest.');
  if (update.expectedTip && update.expectedTip !== tip) {
    throw new FleetError('BRANCH_MOVED', `${workspace.manifest.workspaceBranch} moved since this edit began; reload and apply it again.`, {
      branch: workspace.manifest.workspaceBranch,
      expected: update.expectedTip,
      actual: tip,
    });
  }
  const next = update.change(structuredClone(workspace.manifest));
  const parsed = ManifestSchema.safeParse(next);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error);
    throw new FleetError('MANIFEST_INVALID', `The changed manifest is invalid: ${problems.join('; ')}`, { problems });
  }
  const text = serializeManifest(parsed.data);
  if (text === serializeManifest(workspace.manifest)) return { commit: null, manifest: workspace.manifest };
  const result = await commitDocuments(workspace.repo, {
    branch: workspace.manifest.workspaceBranch,
    expectedTip: tip,
    changes: [{ path: MANIFEST_PATH, content: text }],
    message: update.message,
  });
  await workspace.refreshManifest();
  return { commit: result.commit, manifest: workspace.manifest };
}
