// Accept: one commit on the module branch with the user's message and the run's trailers. A moved branch is merged
// three ways by main; the refusals it can answer with are explained here (conflicting paths, the working tree
// holding the branch, a branch that moved while the merge was being made).

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayPath } from '../../../../shared/display-path';
import type { ImplementRunDetail } from '../../../../shared/types-implement';
import { api, asApiError, type ApiError } from '../../api';
import { useBoardStore } from '../../stores/board';
import { useImplementRunsStore } from '../../stores/implementRuns';
import { ErrorNotice } from '../ErrorNotice';

/** The paths a MERGE_CONFLICT names, whichever shape its data takes. */
function conflictPaths(error: ApiError): string[] {
  const data = error.data ?? {};
  if (Array.isArray(data.paths)) return data.paths.filter((p): p is string => typeof p === 'string');
  if (Array.isArray(data.conflicts)) return data.conflicts.map((c) => (typeof c === 'string' ? c : (c as { path?: string })?.path)).filter((p): p is string => typeof p === 'string');
  return [];
}

function defaultMessage(detail: ImplementRunDetail): string {
  const first = detail.summary?.split('\n')[0]?.trim();
  return first ? `${detail.moduleId}: ${first}` : `${detail.moduleId}: implement the TO-BE design`;
}

export function AcceptForm({ detail }: { detail: ImplementRunDetail }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState(() => defaultMessage(detail));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const noFiles = detail.files.length === 0;

  const accept = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const run = await api.acceptRun({ runId: detail.runId, message: message.trim() || undefined });
      useImplementRunsStore.getState().putRun(run);
      setError(null);
      void useBoardStore.getState().refresh();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const paths = error?.code === 'MERGE_CONFLICT' ? conflictPaths(error) : [];
  const worktree = error?.code === 'BRANCH_CHECKED_OUT' && typeof error.data?.worktree === 'string' ? error.data.worktree : null;
  return (
    <form className="accept-form" onSubmit={(e) => void accept(e)} data-testid="accept-form">
      <div className="field">
        <label htmlFor="accept-message">{t('implement.accept.message')}</label>
        <textarea id="accept-message" rows={3} value={message} maxLength={10_000} onChange={(e) => setMessage(e.target.value)} aria-describedby="accept-hint" />
        <p className="hint" id="accept-hint">
          {t('implement.accept.hint')}
        </p>
      </div>
      {detail.check && detail.check.state !== 'passed' && detail.check.state !== 'not-configured' && (
        <p className="notice notice-warning" data-testid="accept-check-warning">
          {t('implement.accept.checkFailed')}
        </p>
      )}
      <ErrorNotice error={error} title={t('implement.accept.failed')} />
      {error?.code === 'MERGE_CONFLICT' && (
        <div className="notice notice-warning" data-testid="accept-conflicts">
          <div className="notice-text">
            <span>{t('implement.accept.conflictExplain', { count: paths.length })}</span>
            <ul className="files">
              {paths.map((p) => (
                <li key={p}>
                  <code>{displayPath(p)}</code>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {error?.code === 'BRANCH_CHECKED_OUT' && (
        <p className="notice notice-warning" data-testid="accept-checked-out">
          {t('implement.accept.checkedOut', { worktree: worktree ?? '?' })}
        </p>
      )}
      {error?.code === 'BRANCH_MOVED' && (
        <p className="notice notice-warning" data-testid="accept-moved">
          {t('implement.accept.moved')}
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy || noFiles} data-testid="accept-run">
        {busy ? t('implement.accept.accepting') : t('implement.accept.button', { count: detail.files.length })}
      </button>
    </form>
  );
}
