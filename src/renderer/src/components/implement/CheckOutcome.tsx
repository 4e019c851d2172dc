// A run's last check in a few words: "passed (round 2, 3.1 s)", "failed, exit 1", "no check command".

import { useTranslation } from 'react-i18next';
import type { RunCheckOutcome } from '../../../../shared/types-implement';
import { formatDuration } from '../../lib/agentFormat';

export function CheckOutcome({ check }: { check: RunCheckOutcome | null }) {
  const { t } = useTranslation();
  if (!check) return <span className="subtle">{t('implement.check.none')}</span>;
  const cls = check.state === 'passed' ? 'tag state-succeeded' : check.state === 'not-configured' ? 'tag' : 'tag state-failed';
  return (
    <span data-testid="run-check" data-state={check.state}>
      <span className={cls}>{t(`implement.check.${check.state}`)}</span>{' '}
      {check.state !== 'not-configured' && (
        <span className="subtle">
          {t('implement.check.detail', { round: check.round, duration: formatDuration(check.durationMs) })}
          {check.exitCode !== null && check.state !== 'passed' ? ` · ${t('implement.check.exit', { code: check.exitCode })}` : ''}
        </span>
      )}
      {check.message && <span className="subtle"> · {check.message}</span>}
    </span>
  );
}
