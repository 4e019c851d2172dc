// Extension slots of the CI tab, filled by the CI repair feature (components/ci/repair/): `CiCheckActions` sits next
// to each failing check (for "Fix with agent"), `CiHeaderActions` in the tab's header (for the repair chip and the
// branch-wide action). They render nothing until that feature puts its components here.

import type { CiBranchStatus, CiCheck } from '../../../../shared/types-ci';

export interface CiCheckActionsProps {
  moduleId: string;
  branch: CiBranchStatus;
  check: CiCheck;
}

/** Actions beside one failing check on a module branch. */
export function CiCheckActions(_props: CiCheckActionsProps) {
  return null;
}

export interface CiHeaderActionsProps {
  moduleId: string;
  /** The module branch's CI, or null when the host told nothing about it yet. */
  branch: CiBranchStatus | null;
}

/** Actions in the CI tab's header, for the whole module branch. */
export function CiHeaderActions(_props: CiHeaderActionsProps) {
  return null;
}
