// The board's CI line: where CI is read from and when, how the module branches stand (so many failing, running,
// passing, without CI), one small line each for the base, integration and workspace branches, Refresh, and why CI
// could not be read, said once here rather than on every card. Nothing at all without a remote (the remote row says
// so); one quiet line for a host Fleet Control does not read CI from.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CiBranchStatus } from '../../../../shared/types-ci';
import { formatNumber } from '../../format';
import { badgeOf, branchOfRole, modulesByState, repositoryHasCi } from '../../lib/ciView';
import { useCiStore } from '../../stores/ci';
import { CiErrorNotice, QUIET_CI_ERRORS } from './CiErrorNotice';
import { CiRefreshButton } from './CiRefreshButton';
import { CiSourceLine } from './CiSourceLine';
import { CiStateChip } from './CiStateChip';
import './ci.css';

const ROLES = ['base', 'integration', 'workspace'] as const;
const MODULE_ORDER = ['failing', 'running', 'passing', 'none'] as const;

export function CiBar() {
  const { t } = useTranslation();
  const snapshot = useCiStore((s) => s.snapshot);

  useEffect(() => {
    if (useCiStore.getState().snapshot === null) void useCiStore.getState().load();
  }, []);

  if (!snapshot || (!snapshot.status && !snapshot.error) || snapshot.error?.code === 'REMOTE_NOT_FOUND') return null;
  const { status } = snapshot;
  // A host CI is not read from (GitLab, a plain git server): one quiet sentence, nothing to refresh.
  if (!status && snapshot.error && QUIET_CI_ERRORS.has(snapshot.error.code)) {
    return (
      <p className="subtle ci-quiet-bar" data-testid="ci-bar" data-code={snapshot.error.code}>
        {t('ci.error.quiet', { message: snapshot.error.message })}
      </p>
    );
  }
  const hasCi = repositoryHasCi(status);
  const byState = modulesByState(status);
  const modules = MODULE_ORDER.filter((s) => byState[s] > 0).map((s) => t(`ci.count.${s}`, { formatted: formatNumber(byState[s]) }));
  const roles = ROLES.map((role) => branchOfRole(status, role)).filter((b): b is CiBranchStatus => b !== null);
  return (
    <section className="ci-bar" aria-labelledby="ci-bar-title" data-testid="ci-bar">
      <div className="ci-bar-row">
        <h2 id="ci-bar-title" className="ci-bar-title">
          {t('ci.heading')}
        </h2>
        {status && <CiSourceLine status={status} />}
        <span className="header-spacer" />
        <CiRefreshButton testId="ci-bar-refresh" />
      </div>
      <CiErrorNotice snapshot={snapshot} testId="ci-bar-error" />
      {status &&
        (hasCi ? (
          <p data-testid="ci-modules">
            {t('ci.bar.modules')} {modules.join(', ')}
          </p>
        ) : (
          <p className="subtle" data-testid="ci-modules">
            {t('ci.bar.noCi', { remote: status.remote })}
          </p>
        ))}
      {status && roles.length > 0 && (
        <ul className="ci-roles" aria-label={t('ci.bar.label')}>
          {roles.map((branch) => (
            <li key={branch.role} className="ci-role" data-testid="ci-role" data-role={branch.role} data-state={branch.state}>
              <span>
                {t(`ci.bar.role.${branch.role}`)} <code>{branch.branch}</code>
              </span>
              <CiStateChip branch={branch} badge={badgeOf(branch)} remote={status.remote} testId="ci-role-chip" />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
