// Agent settings the team shares (prices, prompt templates) are files on the workspace branch, read at its tip
// and committed by the same compare-and-swap commit as documents.

import { FleetError } from '../../../shared/errors';
import type { Workspace } from '../workspace/workspace';
import { commitDocuments, type CommitDocumentsResult } from '../docs/commit-docs';
import { isUtf8Text } from '../docs/doc-state';

export interface WorkspaceFile {
  /** Null when the branch or the file does not exist (or it is not text). */
  text: string | null;
  branchTip: string | null;
}

/** Reads `path` at the workspace branch's tip. */
export async function readWorkspaceFile(workspace: Workspace, path: string): Promise<WorkspaceFile> {
  const { repo, manifest } = workspace;
  const tip = await repo.resolveRef(`refs/heads/${manifest.workspaceBranch}`);
  if (!tip) return { text: null, branchTip: null };
  const entry = await repo.entryAtPath((await repo.readCommit(tip)).tree, path);
  if (!entry || entry.type !== 'blob') return { text: null, branchTip: tip };
  const bytes = await repo.readBlob(entry.oid, path);
  return { text: isUtf8Text(bytes) ? bytes.toString('utf8') : null, branchTip: tip };
}

/** Commits `content` at `path` on the workspace branch if it still points at `expectedTip` (BRANCH_MOVED otherwise). */
export async function commitWorkspaceFile(workspace: Workspace, path: string, content: string, expectedTip: string, message: string): Promise<CommitDocumentsResult> {
  const branch = workspace.manifest.workspaceBranch;
  if (!(await workspace.repo.resolveRef(`refs/heads/${branch}`))) {
    throw new FleetError('NOT_INITIALISED', `The workspace branch ${branch} does not exist yet: initialise the workspace first.`);
  }
  return commitDocuments(workspace.repo, { branch, expectedTip, changes: [{ path, content }], message });
}
