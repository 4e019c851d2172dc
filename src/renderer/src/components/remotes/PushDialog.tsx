// Push all: choose remotes, read the preflight, push every branch in one click, follow the progress per branch
// and overall, then act on the result (retry only the failed ones, credentials for a remote, divergence).

import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../errorText';
import { formatNumber } from '../../format';
import { useJobsStore } from '../../stores/jobs';
import { useRemotesStore } from '../../stores/remotes';
import { failedPairs, pairKey, usePushStore } from '../../stores/remotesPush';
import { ErrorNotice } from '../ErrorNotice';
import { PushActivityBars, PushRemoteTotals } from './PushActivity';
import { IntegrationPullRequest } from './IntegrationPullRequest';
import { PushRemoteNotices } from './PushRemoteNotices';
import { PushTable, type PushRow } from './PushTable';

const SENDS = new Set(['create', 'fast-forward', 'non-fast-forward']);

export function PushDialog() {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const s = usePushStore();
  const remotes = useRemotesStore((r) => r.remotes);
  const job = useJobsStore((j) => (s.jobId ? j.jobs[s.jobId] : undefined));
  const cancel = useJobsStore((j) => j.cancel);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (s.open && !el.open) el.showModal();
    else if (!s.open && el.open) el.close();
  }, [s.open]);

  const rows = useMemo(() => {
    const list: PushRow[] = [];
    const seen = new Set<string>();
    for (const remote of s.preview?.remotes ?? []) {
      for (const plan of remote.branches) {
        if (!SENDS.has(plan.action) && !s.results[remote.remote]) continue;
        list.push({ remote: remote.remote, branch: plan.branch, plan });
        seen.add(pairKey(remote.remote, plan.branch));
      }
    }
    for (const result of Object.values(s.results)) {
      for (const b of result.branches) if (!seen.has(pairKey(result.remote, b.branch))) list.push({ remote: result.remote, branch: b.branch, plan: null });
    }
    return list;
  }, [s.preview, s.results]);

  const toPush = [...new Set(rows.filter((r) => r.plan && SENDS.has(r.plan.action)).map((r) => r.branch))];
  const failed = [...failedPairs(s.results).values()].reduce((n, b) => n + b.length, 0);
  const all = Object.values(s.results).flatMap((r) => r.branches);
  const counts = {
    pushed: all.filter((b) => b.status === 'pushed').length,
    upToDate: all.filter((b) => b.status === 'up-to-date').length,
    failed: all.filter((b) => b.status !== 'pushed' && b.status !== 'up-to-date' && b.status !== 'behind').length,
  };
  const hasResults = all.length > 0;
  const p = job?.progress && job.progress.total >= 0 ? job.progress : null;
  // Once the job is over its bar says so: "33 of 33 done", never "Pushing 33 of 33" beside the result.
  const finished = !!s.jobId && !s.pushing;

  return (
    <dialog
      ref={dialog}
      className="dialog push-dialog"
      aria-labelledby="push-dialog-title"
      data-testid="push-dialog"
      onCancel={(e) => {
        e.preventDefault();
        s.close();
      }}
    >
      <h2 id="push-dialog-title">{t('remotes.push.title')}</h2>
      <fieldset className="push-remotes" disabled={s.pushing}>
        <legend>{t('remotes.push.remotesLegend')}</legend>
        {(remotes ?? []).map((remote) => (
          <label key={remote.name} className="checkbox">
            <input
              type="checkbox"
              checked={s.selected.includes(remote.name)}
              disabled={!remote.supported}
              onChange={() => s.toggleRemote(remote.name)}
              aria-describedby={remote.supported ? undefined : `push-remote-why-${remote.name}`}
            />
            <span>
              {remote.name} <span className="subtle remote-url">{remote.url}</span>
              {!remote.supported && (
                <span className="push-remote-why" id={`push-remote-why-${remote.name}`} data-testid="push-remote-why">
                  {remote.problem?.message ?? t('remotes.push.remoteUnusable')}
                </span>
              )}
            </span>
          </label>
        ))}
      </fieldset>
      <ErrorNotice error={s.previewError} title={t('remotes.push.previewFailed')} onRetry={() => void s.loadPreview()} />
      {!hasResults &&
        s.preview?.remotes
          .filter((r) => r.stale || r.error)
          .map((r) => (
            <p key={r.remote} className="notice notice-warning" data-testid="preflight-warning">
              {r.stale ? t('remotes.push.stale', { remote: r.remote }) : null} {r.error ? `${r.remote}: ${errorText(r.error)}` : null}
            </p>
          ))}
      <p role="status" className="push-summary" data-testid="push-summary">
        {s.previewLoading && !s.preview
          ? t('remotes.push.loadingPreview')
          : hasResults
            ? t('remotes.push.resultSummary', { pushed: formatNumber(counts.pushed), upToDate: formatNumber(counts.upToDate), failed: formatNumber(counts.failed) })
            : toPush.length
              ? t('remotes.push.summary', { count: toPush.length })
              : s.preview
                ? t('remotes.push.nothing')
                : ''}
      </p>
      {!hasResults && s.preview && <PushRemoteTotals preview={s.preview} />}
      {s.jobId && (
        <div className="job-progress" data-testid="push-progress" data-state={finished ? 'finished' : 'running'}>
          <div className="job-progress-text">
            <span id="push-progress-label">{finished ? t('remotes.push.finishedLabel') : t('remotes.push.progressLabel')}</span>
            <span>
              {p
                ? t(finished ? 'remotes.push.doneCounts' : 'job.counts', { done: formatNumber(p.done), total: formatNumber(p.total) })
                : finished
                  ? null
                  : t('job.starting')}
            </span>
          </div>
          <progress aria-labelledby="push-progress-label" max={p?.total || 1} value={p ? p.done : finished ? 1 : undefined} />
          {s.pushing && (
            <button type="button" className="button" onClick={() => void cancel(s.jobId!)} disabled={job?.cancelling}>
              {job?.cancelling ? t('job.cancelling') : t('action.cancel')}
            </button>
          )}
          {!finished && <PushActivityBars />}
        </div>
      )}
      <ErrorNotice error={s.startError} title={t('remotes.push.startFailed')} />
      <ErrorNotice error={s.jobError} title={t('remotes.push.jobFailed')} />
      <PushRemoteNotices />
      {rows.length > 0 && <PushTable rows={rows} />}
      {!s.pushing && <IntegrationPullRequest />}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={s.close}>
          {t('remotes.push.close')}
        </button>
        {hasResults && failed > 0 && (
          <button type="button" className="button" onClick={() => void s.retryFailed()} disabled={s.pushing} data-testid="retry-failed">
            {t('remotes.push.retryFailed', { count: failed })}
          </button>
        )}
        {!hasResults && (
          <button
            type="button"
            className="button primary"
            disabled={s.pushing || s.previewLoading || toPush.length === 0}
            onClick={() => void s.push(s.selected, toPush)}
            data-testid="push-start"
          >
            {t('remotes.push.start', { count: toPush.length })}
          </button>
        )}
      </div>
    </dialog>
  );
}
