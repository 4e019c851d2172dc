// Which commit the CI shown is about: the host's tip of the branch against the local tip. CI checks what was pushed,
// so when the two differ (or the branch is not on the host) the user is told before trusting a green badge.

import { useTranslation } from 'react-i18next';
import type { CiBranchStatus } from '../../../../shared/types-ci';
import { tipRelation } from '../../lib/ciView';

const short = (sha: string | null) => (sha ? sha.slice(0, 7) : '');

export function CiTipLine({ branch, remote }: { branch: CiBranchStatus; remote: string }) {
  const { t } = useTranslation();
  const relation = tipRelation(branch);
  const values = { branch: branch.branch, remote, commit: short(branch.hostTip), hostCommit: short(branch.hostTip), localCommit: short(branch.localTip) };
  const key = { same: 'ci.tip.same', differs: 'ci.tip.differs', 'not-pushed': 'ci.tip.notPushed', 'no-local': 'ci.tip.noLocal' }[relation];
  return (
    <p className={`ci-tip${relation === 'same' ? ' subtle' : ' ci-tip-warning'}`} data-testid="ci-tip" data-relation={relation}>
      {relation !== 'same' && <span aria-hidden="true">⚠ </span>}
      {t(key, values)}
    </p>
  );
}
