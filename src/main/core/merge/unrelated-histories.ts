// Git refuses to merge a branch that shares no commit with the target ("refusing to merge unrelated histories"): a
// module branch with a root of its own would pull a foreign history into the target. So do we, naming the module.

import { FleetError } from '../../../shared/errors';
import type { MergeBaseFinder } from './merge-base';

/** The sentence and error for a module branch that shares no commit with the target. */
export function unrelatedHistoriesError(moduleId: string, branch: string, target: string, shallow = false): FleetError {
  // In a shallow clone the common commits may only be past its boundary: git refuses then too, and fetching more helps.
  const why = shallow
    ? `This repository is a shallow clone, so their common history may lie past its boundary: "git fetch --unshallow" (or --deepen) brings it.`
    : `It has a first commit of its own; rebase it onto ${target}, or recreate it from the base branch, before merging it.`;
  return new FleetError('UNRELATED_HISTORIES', `Refusing to merge unrelated histories: ${branch} (module ${moduleId}) shares no commit with ${target}. ${why}`, {
    moduleId,
    branch,
    target,
    ...(shallow ? { shallow } : {}),
  });
}

export interface RequestedModule {
  moduleId: string;
  branch: string;
  /** Null when the branch does not exist (the run reports that on its own). */
  tip: string | null;
}

/**
 * UNRELATED_HISTORIES for the first module, in run order, that shares no commit with the target's tip nor with any
 * module merged before it in the same run: once those are merged the target's history is theirs joined, so such a
 * module is still unrelated when its turn comes, and git would refuse it then.
 */
export async function refuseUnrelatedModules(bases: MergeBaseFinder, startTip: string, target: string, modules: RequestedModule[], shallow = false): Promise<void> {
  const earlier: string[] = [];
  for (const { moduleId, branch, tip } of modules) {
    if (!tip) continue;
    if ((await bases.mergeBases(startTip, tip)).length === 0) {
      let related = false;
      for (const other of earlier) {
        if ((await bases.mergeBases(other, tip)).length > 0) {
          related = true;
          break;
        }
      }
      if (!related) throw unrelatedHistoriesError(moduleId, branch, target, shallow);
    }
    earlier.push(tip);
  }
}
