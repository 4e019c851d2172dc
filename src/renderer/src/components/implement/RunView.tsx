// One implementation run: its facts (state, why it stopped, turns, tokens, cost so far, the check), Cancel while
// it works, the review while it waits for one, the commit once accepted, and the live transcript.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, asApiError, type ApiError } from '../../api';
import { formatTokens } from '../../lib/agentFormat';
import { LIVE_STATES, useImplementRunsStore } from '../../stores/implementRuns';
import { ErrorNotice } from '../ErrorNotice';
import { CheckOutcome } from './CheckOutcome';
import { engineName, isCliEngine, runCost, shortOid } from './format';
import { stateClass } from './ImplementRunList';
import { LiveFiles } from './LiveFiles';
import { RunReview } from './RunReview';
import { Transcript } from './Transcript';

export function RunView({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const detail = useImplementRunsStore((s) => s.details[runId]);
  const loadDetail = useImplementRunsStore((s) => s.loadDetail);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [cancelling, setCancelling] = useState(false);

  useEffect(() => {
    void loadDetail(runId).then((d) => setLoadError(d ? null : useImplementRunsStore.getState().error));
  }, [runId, loadDetail]);

  if (!detail) {
    return loadError ? (
      <ErrorNotice error={loadError} title={t('implement.run.loadFailed')} onRetry={() => void loadDetail(runId)} />
    ) : (
      <p className="subtle">{t('implement.run.loading')}</p>
    );
  }

  const live = LIVE_STATES.has(detail.state);
  const cancel = async () => {
    setCancelling(true);
    try {
      await api.cancelImplementRun({ runId });
      setActionError(null);
    } catch (e) {
      setActionError(asApiError(e));
    } finally {
      setCancelling(false);
    }
  };

  return (
    <section className="run-view" aria-labelledby="run-heading" data-testid="run-view" data-run-id={runId} data-state={detail.state}>
      <div className="panel-head">
        <h2 id="run-heading">
          {isCliEngine(detail.engine)
            ? t('implement.run.headingEngine', { engine: engineName(t, detail.engine), model: detail.model || t('implement.estimate.defaultModel') })
            : t('implement.run.heading', { model: `${detail.provider}/${detail.model}` })}
        </h2>
        <span className={`tag state-${stateClass(detail.state)}`} data-testid="run-state">
          {t(`implement.state.${detail.state}`)}
        </span>
        {detail.stop && (
          <span className="tag" data-testid="run-stop">
            {t(`implement.stop.${detail.stop}`)}
          </span>
        )}
        <span className="header-spacer" />
        {live && (
          <button type="button" className="button" onClick={() => void cancel()} disabled={cancelling} data-testid="run-cancel">
            {t('implement.run.cancel')}
          </button>
        )}
      </div>
      <dl className="run-facts" aria-live="polite" data-testid="run-facts">
        <div>
          <dt>{t('implement.run.engine')}</dt>
          <dd data-testid="run-engine" data-engine={detail.engine}>
            {[engineName(t, detail.engine), detail.engineVersion].filter(Boolean).join(' ')}
          </dd>
        </div>
        <div>
          <dt>{t('implement.runs.turns')}</dt>
          <dd>{detail.turns}</dd>
        </div>
        <div>
          <dt>{t('implement.run.toolCalls')}</dt>
          <dd>{detail.toolCalls}</dd>
        </div>
        <div>
          <dt>{t('implement.runs.tokens')}</dt>
          <dd>{t('implement.run.tokensInOut', { input: formatTokens(detail.tokensIn), output: formatTokens(detail.tokensOut) })}</dd>
        </div>
        <div>
          <dt>{t('implement.runs.cost')}</dt>
          <dd data-testid="run-cost" data-cost-known={detail.costKnown !== false}>
            {runCost(t, detail)}
          </dd>
        </div>
        <div>
          <dt>{t('implement.runs.files')}</dt>
          <dd data-testid="run-changed-files">{detail.changedFiles}</dd>
        </div>
        <div>
          <dt>{t('implement.runs.check')}</dt>
          <dd>
            <CheckOutcome check={detail.check} />
          </dd>
        </div>
      </dl>
      {isCliEngine(detail.engine) && (
        <p className="subtle" data-testid="run-budget-note">
          {detail.costKnown === false ? t('implement.run.costUnknownNote', { engine: engineName(t, detail.engine) }) : t('implement.run.overshootNote', { engine: engineName(t, detail.engine) })}
        </p>
      )}
      {detail.error && (
        <div className="notice notice-error" role="alert" data-testid="run-error">
          <div className="notice-text">
            <strong className="notice-title">{t('implement.run.failed')}</strong>
            <span>{detail.error.message}</span>
            <span className="error-code">{t('error.code', { code: detail.error.code })}</span>
          </div>
        </div>
      )}
      <ErrorNotice error={actionError} title={t('implement.run.cancelFailed')} />
      {detail.summary && (
        <p className="run-summary" data-testid="run-summary">
          <strong>{t('implement.run.summary')}</strong> {detail.summary}
        </p>
      )}
      {detail.state === 'committed' && detail.commit && (
        <p className="notice notice-success" role="status" data-testid="run-committed">
          {t('implement.run.committed', { commit: shortOid(detail.commit), module: detail.moduleId })}
        </p>
      )}
      {!detail.workingCopy && (detail.state === 'discarded' || detail.state === 'cancelled' || detail.state === 'failed') && (
        <p className="subtle">{t('implement.run.noWorkingCopy')}</p>
      )}
      {live && <LiveFiles detail={detail} />}
      {detail.state === 'review' && detail.workingCopy && <RunReview detail={detail} />}
      {!live && detail.state !== 'review' && detail.files.length > 0 && <LiveFiles detail={detail} />}
      <Transcript entries={detail.transcript} live={live} />
    </section>
  );
}
