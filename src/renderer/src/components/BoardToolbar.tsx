// Filter field ("/" to focus, Escape to clear), phase and document-state selects, grouping, refresh, count.

import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DOC_STATES, PHASES } from '../../../shared/documents';
import { formatTime } from '../format';
import type { BoardView } from '../hooks/useBoardView';
import { useKeyboardShortcut } from '../hooks/useKeyboardShortcut';
import type { DocStateFilter, PhaseFilter } from '../lib/filter';
import { useBoardStore } from '../stores/board';
import { useSettingsStore } from '../stores/settings';
import { FileOwnersNote } from './FileOwnersNote';

interface Props {
  view: BoardView | null;
}

export function BoardToolbar({ view }: Props) {
  const { t } = useTranslation();
  const filter = useBoardStore((s) => s.filter);
  const setFilter = useBoardStore((s) => s.setFilter);
  const clearFilter = useBoardStore((s) => s.clearFilter);
  const refresh = useBoardStore((s) => s.refresh);
  const loading = useBoardStore((s) => s.loading);
  const loadedAt = useBoardStore((s) => s.board?.loadedAt);
  const groupBy = useSettingsStore((s) => s.groupBy);
  const setGroupBy = useSettingsStore((s) => s.setGroupBy);
  const input = useRef<HTMLInputElement>(null);

  useKeyboardShortcut('/', () => {
    input.current?.focus();
    input.current?.select();
  });
  useKeyboardShortcut('Escape', () => (view?.filtering ? clearFilter() : false));

  function onFilterKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    if (filter.text) setFilter({ text: '' });
    else clearFilter();
  }

  return (
    <div className="board-toolbar">
      <div className="toolbar-row" role="search">
        <div className="field filter-field">
          <label htmlFor="module-filter">{t('board.filterLabel')}</label>
          <input
            ref={input}
            id="module-filter"
            type="search"
            value={filter.text}
            placeholder={t('board.filterPlaceholder')}
            aria-keyshortcuts="/"
            aria-describedby="module-filter-hint"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setFilter({ text: e.target.value })}
            onKeyDown={onFilterKeyDown}
          />
          <span id="module-filter-hint" className="visually-hidden">
            {t('board.filterHint')}
          </span>
        </div>
        <div className="field">
          <label htmlFor="phase-filter">{t('board.phaseLabel')}</label>
          <select id="phase-filter" value={filter.phase} onChange={(e) => setFilter({ phase: e.target.value as PhaseFilter })}>
            <option value="any">{t('board.anyPhase')}</option>
            {PHASES.map((p) => (
              <option key={p} value={p}>
                {t(`phase.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="doc-filter">{t('board.docStateLabel')}</label>
          <select id="doc-filter" value={filter.docState} onChange={(e) => setFilter({ docState: e.target.value as DocStateFilter })}>
            <option value="any">{t('board.anyDocState')}</option>
            {DOC_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`board.someDoc.${s}`)}
              </option>
            ))}
            <option value="all-approved">{t('board.allApproved')}</option>
          </select>
        </div>
        <fieldset className="segmented">
          <legend>{t('board.groupBy')}</legend>
          {(['category', 'phase'] as const).map((g) => (
            <label key={g} className="segment">
              <input type="radio" name="group-by" value={g} checked={groupBy === g} onChange={() => setGroupBy(g)} />
              <span>{t(`board.groupByOption.${g}`)}</span>
            </label>
          ))}
        </fieldset>
      </div>
      <FileOwnersNote text={filter.text} />
      <div className="toolbar-row toolbar-status">
        <p className="module-count" role="status" data-testid="module-count">
          {view ? t('board.count', { visible: view.visible, count: view.total }) : ''}
        </p>
        {view?.filtering && (
          <button type="button" className="button link" onClick={clearFilter}>
            {t('board.clearFilter')}
          </button>
        )}
        <span className="header-spacer" />
        {loadedAt && <span className="subtle">{t('board.updatedAt', { time: formatTime(loadedAt) })}</span>}
        <button type="button" className="button" onClick={() => void refresh()} aria-busy={loading} data-testid="refresh-board">
          <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2.5v3h-3" />
          </svg>
          {t('board.refresh')}
        </button>
      </div>
    </div>
  );
}
