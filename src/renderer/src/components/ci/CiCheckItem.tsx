// One check on the CI tab: its state (symbol and word), its name linking to the host's page (http/https only, in a new
// tab or the system browser), workflow or pipeline, kind, the host's own word, how long it took; for a failure the
// first lines of its summary, and the repair feature's actions beside it.

import { useTranslation } from 'react-i18next';
import type { CiBranchStatus, CiCheck, CiHostKind } from '../../../../shared/types-ci';
import { formatDuration } from '../../lib/agentFormat';
import { CI_SYMBOL, checkDurationMs, safeLink, summaryHead } from '../../lib/ciView';
import { CiCheckActions } from './CiCheckActions';

const SUMMARY_LINES = 12;

interface Props {
  moduleId: string;
  branch: CiBranchStatus;
  check: CiCheck;
  host: CiHostKind;
  now: number;
}

export function CiCheckItem({ moduleId, branch, check, host, now }: Props) {
  const { t } = useTranslation();
  const state = t(`ci.state.${check.state}`);
  const link = safeLink(check.url);
  const duration = checkDurationMs(check, now);
  const head = check.state === 'failing' && check.summary ? summaryHead(check.summary, SUMMARY_LINES) : null;
  const meta = [
    check.workflow ? t(host === 'azure-devops' ? 'ci.check.pipeline' : 'ci.check.workflow', { workflow: check.workflow }) : null,
    t(`ci.kind.${check.kind}`),
    t('ci.check.hostState', { host: t(`ci.host.${host}`), word: check.hostState }),
    duration === null ? null : t(check.completedAt ? 'ci.check.took' : 'ci.check.runningFor', { duration: formatDuration(duration) }),
  ].filter((part): part is string => part !== null);
  return (
    <li className={`ci-check ci-check-${check.state}`} data-testid="ci-check" data-state={check.state} data-name={check.name}>
      <div className="ci-check-head">
        <span className="ci-check-icon" aria-hidden="true">
          {CI_SYMBOL[check.state]}
        </span>
        {link ? (
          <a href={link} target="_blank" rel="noopener noreferrer" className="ci-check-name" aria-label={t('ci.check.linkLabel', { name: check.name, state, host: t(`ci.host.${host}`) })} data-testid="ci-check-link">
            {check.name}
          </a>
        ) : (
          <span className="ci-check-name">{check.name}</span>
        )}
        <span className="ci-check-state" data-testid="ci-check-state">
          {state}
        </span>
        {check.state === 'failing' && (
          <span className="ci-check-actions" data-testid="ci-check-actions">
            <CiCheckActions moduleId={moduleId} branch={branch} check={check} />
          </span>
        )}
      </div>
      <p className="ci-check-meta subtle">{meta.join(' · ')}</p>
      {head && (
        <figure className="ci-summary-figure">
          <figcaption className="visually-hidden">{t('ci.check.summaryLabel', { name: check.name })}</figcaption>
          <pre className="ci-summary" data-testid="ci-check-summary">
            {head.text}
          </pre>
        </figure>
      )}
      {head?.cut && <p className="subtle ci-summary-cut">{t('ci.check.summaryCut', { count: SUMMARY_LINES })}</p>}
    </li>
  );
}
