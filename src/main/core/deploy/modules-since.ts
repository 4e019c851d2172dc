// Which modules a deploy sends out: the modules merged into the target commit since the commit deployed last. A git
// fact, twice over: a module whose branch tip the target now holds (and the last deploy did not), and a module whose
// Fleet merge commit ("Merge module <id> (...)") is among the new commits even if its branch moved on since.

import type { ModuleDef } from '../../../shared/manifest';
import type { Workspace } from '../workspace/workspace';

/** Commits read for merge subjects at most; a longer range is judged by branch tips alone. */
const RANGE_LIMIT = 5000;
const MERGE_SUBJECT = /^Merge module ([a-z0-9]+(?:-[a-z0-9]+)*) \(/;

export interface MergedModule {
  module: ModuleDef;
  /** The module commit the target holds: its tip, or the merged parent of its merge commit. */
  commit: string;
}

/** The modules merged into `target` that `since` (the last deployed commit; null: never deployed) did not have. */
export async function modulesMergedSince(workspace: Workspace, target: string, since: string | null): Promise<MergedModule[]> {
  const { repo, manifest } = workspace;
  const found = new Map<string, string>();
  for (const module of manifest.modules) {
    const tip = await repo.resolveRef(`refs/heads/${manifest.branchPrefix}${module.id}`);
    if (!tip || !(await repo.isAncestor(tip, target))) continue;
    if (since && (await repo.isAncestor(tip, since))) continue;
    found.set(module.id, tip);
  }
  // Without a last deploy, the new commits are those the target has beyond the base (none when it is the base).
  const lower = since ?? (await repo.resolveRef(`refs/heads/${manifest.baseBranch}`));
  if (lower && lower !== target) {
    const range = await repo.commitsOnlyIn(target, lower);
    if (range.length <= RANGE_LIMIT) {
      for (const oid of range) {
        const commit = await repo.readCommit(oid);
        const id = MERGE_SUBJECT.exec(commit.message)?.[1];
        if (id && commit.parents.length === 2 && !found.has(id)) found.set(id, commit.parents[1]!);
      }
    }
  }
  return manifest.modules.filter((m) => found.has(m.id)).map((module) => ({ module, commit: found.get(module.id)! }));
}
