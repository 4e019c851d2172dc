// The commits a module branch has that the base lacks (`git log base..tip`), newest first, each with its Fleet-*
// trailers (the provenance of agent runs) and how many code and document files it changed against its first parent.

import { isFleetPath } from '../../../../shared/fleet-paths';
import type { BranchCommit } from '../../../../shared/types-implement';
import type { GitRepository } from '../../git/repository';
import { changedPaths } from '../../git/tree-diff';
import { mapLimit } from '../../remotes/map-limit';
import { newestFirst } from '../../reports/branch-history';
import { parseTrailers } from '../../reports/trailers';

/** At most this many commits are described (the newest); a long-lived branch lists its latest work. */
export const MAX_BRANCH_COMMITS = 500;

/** The Fleet-* trailers of a commit message (other trailers, such as Signed-off-by, are left out). */
export function fleetTrailers(message: string): Record<string, string> {
  return Object.fromEntries(Object.entries(parseTrailers(message)).filter(([key]) => key.startsWith('Fleet-')));
}

/** The branch's own commits since it forked from `baseTip`, newest first (at most MAX_BRANCH_COMMITS). */
export async function branchCommits(repo: GitRepository, tip: string, baseTip: string, docsFolder: string): Promise<BranchCommit[]> {
  const oids = await repo.commitsOnlyIn(tip, baseTip);
  const infos = newestFirst(await Promise.all(oids.map((oid) => repo.readCommit(oid)))).slice(0, MAX_BRANCH_COMMITS);
  return mapLimit(infos, 8, async (info) => {
    const parents = repo.historyParents(info);
    // A merge lists no files, as `git log` shows it: what it brings in is other commits' work.
    const paths = info.parents.length > 1 ? [] : await changedPaths(repo, parents[0] ? (await repo.readCommit(parents[0])).tree : null, info.tree);
    const docFiles = paths.filter((path) => isFleetPath(path, docsFolder)).length;
    return {
      oid: info.oid,
      subject: info.message.split('\n')[0] ?? '',
      author: `${info.author.name} <${info.author.email}>`,
      date: new Date(info.author.timestamp * 1000).toISOString(),
      trailers: fleetTrailers(info.message),
      codeFiles: paths.length - docFiles,
      docFiles,
    };
  });
}
