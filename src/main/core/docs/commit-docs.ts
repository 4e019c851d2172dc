// Commits edited documents to a branch without checking anything out: new blobs and trees, one commit,
// and a compare-and-swap of the branch so an edit never lands on top of a commit it did not see.

import type { GitRepository } from '../git/repository';
import { refuseHeldBranch } from '../git/worktrees';
import { FleetError } from '../../../shared/errors';
import { personNow, resolveIdentity } from '../workspace/identity';

export interface DocumentChange {
  /** Repository path, already checked by the caller to lie inside the documents folder. */
  path: string;
  content: string;
}

export interface CommitDocumentsRequest {
  branch: string;
  /** The branch tip the edit started from; the commit lands only if the branch still points there. */
  expectedTip: string;
  changes: DocumentChange[];
  message: string;
  /** Extra `Key: value` lines appended to the message (provenance of agent runs). */
  trailers?: Record<string, string>;
  now?: Date;
}

export interface CommitDocumentsResult {
  commit: string;
  parent: string;
  blobIds: Record<string, string>;
}

/** The commit message: `message` (or `fallback` when blank), then the trailers as `Key: value` lines after a blank line. */
export function withTrailers(message: string, trailers: Record<string, string> | undefined, fallback = 'Update documents'): string {
  const body = message.trim() || fallback;
  const lines = Object.entries(trailers ?? {}).map(([k, v]) => `${k}: ${v.replace(/\s+/g, ' ')}`);
  return lines.length ? `${body}\n\n${lines.join('\n')}\n` : `${body}\n`;
}

/** Writes one commit with every change on `branch`; BRANCH_MOVED if it moved, BRANCH_CHECKED_OUT if checked out. */
export async function commitDocuments(repo: GitRepository, request: CommitDocumentsRequest): Promise<CommitDocumentsResult> {
  if (request.changes.length === 0) throw new FleetError('INVALID_INPUT', 'There is nothing to commit: no document changed.');
  // Before any object is written; the ref update checks again (a working tree may switch to it meanwhile).
  const doing = 'committing to it here';
  refuseHeldBranch(repo.commondir, request.branch, doing);
  const ref = `refs/heads/${request.branch}`;
  const tip = await repo.resolveRef(ref);
  if (!tip) throw new FleetError('BRANCH_MOVED', `${request.branch} no longer exists.`, { branch: request.branch, expected: request.expectedTip, actual: null });
  if (tip !== request.expectedTip) {
    throw new FleetError('BRANCH_MOVED', `${request.branch} moved since you started editing (now at ${tip.slice(0, 7)}).`, {
      branch: request.branch,
      expected: request.expectedTip,
      actual: tip,
    });
  }
  const parent = await repo.readCommit(tip);
  const blobIds: Record<string, string> = {};
  for (const change of request.changes) blobIds[change.path] = await repo.writeBlob(Buffer.from(change.content, 'utf8'));
  const tree = await repo.updateTree(parent.tree, blobIds);
  const person = personNow(await resolveIdentity(repo.commondir), request.now);
  const commit = await repo.writeCommit({ tree, parents: [tip], author: person, committer: person, message: withTrailers(request.message, request.trailers) });
  await repo.updateRef(ref, commit, tip, `fleet-control: ${request.message.split('\n')[0]}`, { doing });
  return { commit, parent: tip, blobIds };
}
