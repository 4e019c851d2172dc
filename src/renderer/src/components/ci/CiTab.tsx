// The module page's CI tab: the module branch's checks as the host reported them (failing first), which commit they
// are for, where they were read and when, how polling spends the rate limit, Refresh, and why CI could not be read;
// the header's and each failing check's action slots belong to the CI repair feature. The tab's badge: passing, n failing, running.

import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format';
import { orderChecks } from '../../lib/ciView';
import { useCiStore, useModuleCi } from '../../stores/ci';
import type { ModuleTabProps } from '../module/moduleTabs';
import { CiCheckItem } from './CiCheckItem';
import { CiHeaderActions } from './CiCheckActions';
import { CiErrorNotice } from './CiErrorNotice';
import { CiPollingLine } from './CiPollingLine';
import { CiRefreshButton } from './CiRefreshButton';
import { CiSourceLine } from './CiSourceLine';
import { CiTipLine } from './CiTipLine';
import { ErrorNotice } from '../ErrorNotice';
import './ci.css';

export function CiTabPanel({ detail }: ModuleTabProps) {
  const { t } = useTranslation();
  const moduleId = detail.card.id;
  const snapshot = useCiStore((s) => s.snapshot);
  const refreshError = useCiStore((s) => s.refreshError);
  const branch = useModuleCi(moduleId);
  const checks = useMemo(() => (branch ? orderChecks(branch.checks) : []), [branch]);

  useEffect(() => {
    if (useCiStore.getState().snapshot === null) void useCiStore.getState().load();
  }, []);

  const status = snapshot?.status ?? null;
  const remote = status?.remote ?? snapshot?.remote ?? '';
  const counts = branch
    ? (['failing', 'running', 'passing', 'skipped'] as const)
        .filter((s) => branch.counts[s] > 0)
        .map((s) => t(`ci.count.${s}`, { formatted: formatNumber(branch.counts[s]) }))
        .join(', ')
    : '';
  return (
    <section className="ci-panel" aria-labelledby="ci-heading" data-testid="ci-panel">
      <div className="panel-head">
        <h2 id="ci-heading">{t('ci.heading')}</h2>
        <span className="ci-header-actions" data-testid="ci-header-actions">
          <CiHeaderActions moduleId={moduleId} branch={branch} />
        </span>
        <span className="header-spacer" />
        <CiRefreshButton testId="ci-refresh" />
      </div>
      <ErrorNotice error={refreshError} title={t('ci.refreshFailed')} />
      {snapshot && <CiErrorNotice snapshot={snapshot} testId="ci-error" />}
      {!snapshot || (!status && !snapshot.error) ? <p className="subtle" role="status">{t('ci.reading')}</p> : null}
      {status && <CiSourceLine status={status} />}
      {status && !branch && <p className="subtle">{t('ci.noBranch', { remote, branch: detail.card.branch })}</p>}
      {status && branch && (
        <>
          <CiTipLine branch={branch} remote={remote} />
          {checks.length === 0 ? (
            branch.hostTip && <p data-testid="ci-no-checks">{t('ci.noChecks', { commit: branch.hostTip.slice(0, 7) })}</p>
          ) : (
            <>
              <p className={`ci-summary-line ci-${branch.state}`} data-testid="ci-branch-summary" data-state={branch.state}>
                {t('ci.summary', { branch: branch.branch, summary: counts })}
              </p>
              <ul className="ci-checks" aria-label={t('ci.listLabel', { branch: branch.branch })}>
                {checks.map((check) => (
                  <CiCheckItem key={`${check.kind}:${check.name}`} moduleId={moduleId} branch={branch} check={check} host={status.host} now={Date.parse(status.readAt)} />
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {snapshot && <CiPollingLine snapshot={snapshot} />}
    </section>
  );
}

export function CiTabBadge({ detail }: ModuleTabProps) {
  const { t } = useTranslation();
  const branch = useModuleCi(detail.card.id);
  if (!branch || branch.state === 'none') return null;
  return (
    <span className="tab-badge" data-tone={branch.state === 'passing' ? 'success' : branch.state === 'failing' ? 'warning' : undefined} data-testid="ci-tab-badge">
      {t(`ci.tabBadge.${branch.state}`, { count: formatNumber(branch.counts.failing) })}
    </span>
  );
}
