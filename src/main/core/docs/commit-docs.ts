// Commits edited documents to a branch without checking anything out: new blobs and trees, one commit,
// and a compare-and-swap of the branch so an edit never lands on top of a commit it did not see.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitRepository } from '../git/repository';
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

/** Branches checked out in the main work tree or any linked work tree (git worktree add). */
export async function checkedOutBranches(repo: GitRepository): Promise<Set<string>> {
  const branches = new Set<string>();
  const head = await repo.readHead();
  if (head.branch) branches.add(head.branch);
  const worktrees = join(repo.commondir, 'worktrees');
  const names = await readdir(worktrees).catch(() => [] as string[]);
  for (const name of names) {
    const text = await readFile(join(worktrees, name, 'HEAD'), 'utf8').catch(() => '');
    const match = /^ref: refs\/heads\/(.+)$/m.exec(text);
    if (match) branches.add(match[1]!.trim());
  }
  return branches;
}

function withTrailers(message: string, trailers: Record<string, string> | undefined): string {
  const body = message.trim() || 'Update documents';
  const lines = Object.entries(trailers ?? {}).map(([k, v]) => `${k}: ${v.replace(/\s+/g, ' ')}`);
  return lines.length ? `${body}\n\n${lines.join('\n')}\n` : `${body}\n`;
}

/** Writes one commit with every change on `branch`; BRANCH_MOVED if it moved, BRANCH_CHECKED_OUT if checked out. */
export async function commitDocuments(repo: GitRepository, request: CommitDocumentsRequest): Promise<CommitDocumentsResult> {
  if (request.changes.length === 0) throw new FleetError('INVALID_INPUT', 'There is nothing to commit: no document changed.');
  if ((await checkedOutBranches(repo)).has(request.branch)) {
    throw new FleetError(
      'BRANCH_CHECKED_OUT',
      `${request.branch} is checked out in a working tree; committing to it here would leave that working tree behind. Switch that working tree to another branch, or commit there.`,
      { branch: request.branch },
    );
  }
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
  await repo.updateRef(ref, commit, tip, `fleet-control: ${request.message.split('\n')[0]}`);
  return { commit, parent: tip, blobIds };
}
