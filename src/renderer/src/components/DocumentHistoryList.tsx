// The commits of a module branch that changed one document: author, date and message; pick one to compare.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocKind } from '../../../shared/documents';
import type { HistoryEntry } from '../../../shared/types';
import { api, asApiError, type ApiError } from '../api';
import { formatDateTime } from '../format';
import { ErrorNotice } from './ErrorNotice';

interface Props {
  moduleId: string;
  kind: DocKind;
  selected: string | null;
  onSelect: (commit: string) => void;
}

export function DocumentHistoryList({ moduleId, kind, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setEntries(null);
    setError(null);
    api.documentHistory({ moduleId, kind, limit: 50 }).then(
      (list) => live && setEntries(list),
      (e) => live && setError(asApiError(e)),
    );
    return () => {
      live = false;
    };
  }, [moduleId, kind, attempt]);

  if (error) return <ErrorNotice error={error} title={t('compare.historyFailed')} onRetry={() => setAttempt((n) => n + 1)} />;
  if (!entries) return <p className="subtle">{t('compare.historyLoading')}</p>;
  if (entries.length === 0) return <p className="subtle">{t('compare.noHistory')}</p>;
  return (
    <fieldset className="history-list" data-testid="history-list">
      <legend>{t('compare.historyLegend')}</legend>
      {entries.map((entry) => (
        <label key={entry.commit} className="history-entry">
          <input type="radio" name={`history-${moduleId}-${kind}`} checked={selected === entry.commit} onChange={() => onSelect(entry.commit)} />
          <span className="history-subject">{entry.subject || t('compare.noMessage')}</span>
          <span className="history-meta">
            <code>{entry.commit.slice(0, 7)}</code> · {entry.author} · <time dateTime={entry.date}>{formatDateTime(entry.date)}</time>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
