// A module branch's own history since it forked from the base branch: each commit's author, dates, files
// (documents apart from code) and agent-run provenance. The commits come from the early-stopping history walk.

import { isFleetPath } from '../../../shared/fleet-paths';
import type { CommitInfo } from '../git/types';
import type { GitRepository } from '../git/repository';
import { changedFiles, type FileChange } from './tree-diff';
import { parseTrailers, runProvenance, type RunProvenance } from './trailers';

export interface LoggedCommit {
  oid: string;
  subject: string;
  author: { name: string; email: string };
  /** ISO times of authoring and committing. */
  authoredAt: string;
  committedAt: string;
  /** Merges list no files (as `git log` shows them): what they bring in is other commits' work. */
  merge: boolean;
  documents: FileChange[];
  code: FileChange[];
  provenance: RunProvenance | null;
}

export interface BranchHistory {
  total: number;
  /** Newest first, children before parents; at most the limit asked for. */
  commits: LoggedCommit[];
  truncated: boolean;
  /** The newest base commit the branch builds on (where it forked, or last took the base in); null for unrelated histories. */
  forkPoint: string | null;
}

/** Children before parents, the newest commit date first among those ready: the order `git log` shows. */
export function newestFirst(commits: CommitInfo[]): CommitInfo[] {
  const byOid = new Map(commits.map((c) => [c.oid, c]));
  const pendingChildren = new Map<string, number>(commits.map((c) => [c.oid, 0]));
  for (const commit of commits) for (const parent of commit.parents) if (byOid.has(parent)) pendingChildren.set(parent, pendingChildren.get(parent)! + 1);
  const ready = commits.filter((c) => pendingChildren.get(c.oid) === 0);
  const ordered: CommitInfo[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => a.committer.timestamp - b.committer.timestamp);
    const next = ready.pop()!;
    ordered.push(next);
    for (const parent of next.parents) {
      if (!byOid.has(parent)) continue;
      const left = pendingChildren.get(parent)! - 1;
      pendingChildren.set(parent, left);
      if (left === 0) ready.push(byOid.get(parent)!);
    }
  }
  return ordered;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** The commits on `tip` that `baseTip` lacks (`git log baseTip..tip`), newest first, at most `limit` of them described. */
export async function readBranchHistory(repo: GitRepository, options: { tip: string; baseTip: string; docsFolder: string; limit: number }): Promise<BranchHistory> {
  const oids = await repo.commitsOnlyIn(options.tip, options.baseTip);
  const infos = await Promise.all(oids.map((oid) => repo.readCommit(oid)));
  const own = new Set(oids);
  let forkPoint: CommitInfo | null = null;
  for (const info of infos) {
    for (const parent of repo.historyParents(info)) {
      if (own.has(parent)) continue;
      const candidate = await repo.readCommit(parent);
      if (!forkPoint || candidate.committer.timestamp > forkPoint.committer.timestamp) forkPoint = candidate;
    }
  }
  if (oids.length === 0 && (await repo.isAncestor(options.tip, options.baseTip))) forkPoint = await repo.readCommit(options.tip);

  const shown = newestFirst(infos).slice(0, options.limit);
  const commits: LoggedCommit[] = [];
  for (const info of shown) {
    const merge = info.parents.length > 1;
    // Past a shallow boundary the parent is not here: the commit shows as adding its files, as git log shows it.
    const parents = repo.historyParents(info);
    const parentTree = parents[0] ? (await repo.readCommit(parents[0])).tree : null;
    const files = merge ? [] : await changedFiles(repo, parentTree, info.tree);
    commits.push({
      oid: info.oid,
      subject: info.message.split('\n')[0] ?? '',
      author: { name: info.author.name, email: info.author.email },
      authoredAt: iso(info.author.timestamp),
      committedAt: iso(info.committer.timestamp),
      merge,
      // Fleet's own files (documents, .fleet/ settings) apart from code, as the board counts them.
      documents: files.filter((f) => isFleetPath(f.path, options.docsFolder)),
      code: files.filter((f) => !isFleetPath(f.path, options.docsFolder)),
      provenance: runProvenance(parseTrailers(info.message)),
    });
  }
  return { total: oids.length, commits, truncated: shown.length < oids.length, forkPoint: forkPoint?.oid ?? null };
}
