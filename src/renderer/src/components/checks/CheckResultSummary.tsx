// The last result of a module's check in one line: state, duration, the commit it ran on, exit code, reason,
// whether it ran sandboxed (and the secrets chosen for it), and whether the branch has moved since (stale).

import { useTranslation } from 'react-i18next';
import type { CheckResult } from '../../../../shared/types-checks';
import { formatDateTime } from '../../format';
import { formatDuration } from '../../lib/agentFormat';
import { SandboxNote } from './SandboxNote';

export function CheckResultSummary({ result }: { result: CheckResult }) {
  const { t } = useTranslation();
  const tone = result.state === 'passed' ? 'notice-success' : result.state === 'cancelled' ? 'notice-info' : 'notice-error';
  return (
    <div className={`notice ${tone} check-result`} data-testid="check-result" data-state={result.state}>
      <div className="notice-text">
        <strong className="notice-title">{t(`checks.state.${result.state}`)}</strong>
        {result.message && <span data-testid="check-message">{result.message}</span>}
        <span className="subtle">
          {t('checks.result.facts', {
            duration: formatDuration(result.durationMs),
            commit: result.commit.slice(0, 8),
            when: formatDateTime(result.startedAt),
          })}
          {result.exitCode !== null && ` · ${t('checks.result.exitCode', { code: result.exitCode })}`}
        </span>
        {result.sandbox && <SandboxNote sandbox={result.sandbox} secretNames={result.secretNames} />}
        {result.stale && (
          <span className="check-stale-note" data-testid="check-stale">
            {t('checks.result.stale')}
          </span>
        )}
      </div>
    </div>
  );
}
