// Extension slots of the CI tab, filled by the CI repair feature (components/ci/repair/): `CiCheckActions` sits next
// to each failing check, `CiHeaderActions` in the tab's header: the repair chip, "Fix with agent" for the failing
// branch (a repair takes every failing check of the tip, so it is one action, not one per check) and automatic
// repair's last word.

import type { CiBranchStatus, CiCheck } from '../../../../shared/types-ci';
import { FixWithAgentButton } from './repair/FixWithAgentButton';
import { RepairChip } from './repair/RepairChip';
import { RepairNotice } from './repair/RepairNotice';

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
export function CiHeaderActions({ moduleId, branch }: CiHeaderActionsProps) {
  return (
    <>
      <RepairChip moduleId={moduleId} />
      {branch?.state === 'failing' && <FixWithAgentButton moduleId={moduleId} />}
      <RepairNotice moduleId={moduleId} />
    </>
  );
}
