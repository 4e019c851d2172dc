// Forecast (or forecast again): a button, the job's progress with Cancel while it runs, when the shown
// forecast was computed and against which tip, and a warning once the target has moved since.

import { useTranslation } from 'react-i18next';
import { formatNumber, formatTime } from '../../format';
import { useJobsStore } from '../../stores/jobs';
import { useMergeStore } from '../../stores/merge';
import { ErrorNotice } from '../ErrorNotice';
import { JobProgressBar } from '../JobProgressBar';

export function ForecastControls() {
  const { t } = useTranslation();
  const kind = useMergeStore((s) => s.kind);
  const forecast = useMergeStore((s) => s.forecast);
  const receivedAt = useMergeStore((s) => s.forecastReceivedAt);
  const forecasting = useMergeStore((s) => s.forecasting);
  const jobId = useMergeStore((s) => s.forecastJobId);
  const error = useMergeStore((s) => s.forecastError);
  const targets = useMergeStore((s) => s.targets);
  const runForecast = useMergeStore((s) => s.runForecast);
  const cancelForecast = useMergeStore((s) => s.cancelForecast);
  const job = useJobsStore((s) => (jobId ? s.jobs[jobId] : undefined));
  const current = targets.find((target) => target.kind === forecast?.target.kind);
  const moved = !!forecast && !!current && current.tip !== forecast.target.tip;

  return (
    <div className="forecast-controls">
      <div className="forecast-actions">
        <button type="button" className="button primary" disabled={!kind || forecasting} aria-busy={forecasting} onClick={() => void runForecast()} data-testid="run-forecast">
          {t(forecast ? 'merges.forecast.rerun' : 'merges.forecast.run')}
        </button>
        {forecast && (
          <p className="subtle" data-testid="forecast-time">
            {t(forecast.target.tip === null ? 'merges.forecast.computedNew' : 'merges.forecast.computed', {
              when: receivedAt ? formatTime(receivedAt) : t('merges.forecast.earlier'),
              branch: forecast.target.branch,
              // computedAt is the tip the forecast merged against (the base tip while the integration branch is new).
              tip: forecast.computedAt.slice(0, 7),
              duration: formatNumber(Math.round(forecast.durationMs)),
            })}
          </p>
        )}
      </div>
      {forecasting && (
        <JobProgressBar
          job={job ?? { jobId: jobId ?? 'forecast', kind: 'forecast', progress: null, finished: null, cancelling: false }}
          label={t('merges.forecast.progress')}
          onCancel={() => void cancelForecast()}
        />
      )}
      {moved && !forecasting && (
        <p className="notice notice-warning" role="status" data-testid="forecast-stale">
          {t('merges.forecast.stale', { branch: forecast.target.branch })}
        </p>
      )}
      <ErrorNotice error={error?.code === 'CANCELLED' ? null : error} title={t('merges.forecast.failed')} onRetry={() => void runForecast()} />
      {error?.code === 'CANCELLED' && <p className="subtle" role="status">{t('merges.forecast.cancelled')}</p>}
    </div>
  );
}
