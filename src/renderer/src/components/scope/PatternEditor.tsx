// "Edit patterns": the module's pattern list as editable rows with a live preview of what they match on the
// module branch, suggestions to accept or reject, and Save (Ctrl/Cmd+Enter) / Cancel (Escape).

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localProblems, samePatterns } from '../../lib/patternList';
import { useScopeEditorStore } from '../../stores/scopeEditor';
import { ErrorNotice } from '../ErrorNotice';
import { BranchMovedNotice } from './BranchMovedNotice';
import { NewPatternPreview } from './NewPatternPreview';
import { PatternEditRow } from './PatternEditRow';
import { PatternPreviewSummary } from './PatternPreviewSummary';
import { PatternSuggestionList } from './PatternSuggestionList';

interface Props {
  moduleId: string;
  branch: string;
}

export function PatternEditor({ moduleId, branch }: Props) {
  const { t } = useTranslation();
  const store = useScopeEditorStore();
  const { rows, preview, committed, startTip, saving, saveError, liveError, lastRemoved, reloaded } = store;
  const [draft, setDraft] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const newRow = useRef<HTMLInputElement>(null);
  const local = localProblems(rows);
  const serverProblems = new Map((preview?.invalid ?? []).map((i) => [i.pattern, i.problem]));
  const counts = new Map((preview?.rows ?? []).map((r) => [r.pattern, r.count]));
  const blocked = local.includes('duplicate') || rows.some((r) => serverProblems.has(r.trim()));
  const unchanged = samePatterns(rows, committed);

  useEffect(() => heading.current?.focus(), []);

  function add(): void {
    const pattern = draft.trim();
    if (!pattern) return;
    store.addRow(pattern);
    setDraft('');
  }

  function onKeyDown(event: React.KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (!blocked && startTip) void store.save();
    } else if (event.key === 'Escape') {
      // Handled here so the module page's Escape (back to the board) does not fire while editing.
      event.preventDefault();
      store.cancel();
    }
  }

  return (
    <div className="pattern-editor" data-testid="pattern-editor" onKeyDown={onKeyDown}>
      <div className="pattern-edit-main">
        <h3 id="pattern-editor-heading" ref={heading} tabIndex={-1}>
          {t('scope.editHeading')}
        </h3>
        <p className="subtle">{t('scope.explain', { branch })}</p>
        <ul className="pattern-edit-list" aria-labelledby="pattern-editor-heading">
          {rows.map((row, i) => (
            <PatternEditRow
              key={i}
              index={i}
              value={row}
              count={counts.get(row.trim()) ?? null}
              problem={local[i] === 'duplicate' ? t('scope.duplicate') : (serverProblems.get(row.trim()) ?? null)}
              onChange={(text) => store.setRow(i, text)}
              onRemove={() => {
                store.removeRow(i);
                newRow.current?.focus();
              }}
            />
          ))}
        </ul>
        {rows.length === 0 && <p className="subtle">{t('scope.emptyList')}</p>}
        {lastRemoved && (
          <p className="scope-undo" role="status">
            {t('scope.removed', { pattern: lastRemoved.pattern })}{' '}
            <button type="button" className="button small" onClick={store.undoRemove}>
              {t('scope.undo')}
            </button>
          </p>
        )}
        <div className="field">
          <label htmlFor="pattern-new">{t('scope.newLabel')}</label>
          <div className="input-row">
            <input
              id="pattern-new"
              ref={newRow}
              value={draft}
              placeholder="src/pages/drivers/**"
              aria-describedby="pattern-new-preview"
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
                  e.preventDefault();
                  add();
                }
              }}
            />
            <button type="button" className="button" onClick={add} disabled={!draft.trim()}>
              {t('scope.add')}
            </button>
          </div>
          <NewPatternPreview moduleId={moduleId} pattern={draft} id="pattern-new-preview" />
        </div>
        <PatternPreviewSummary />
        <ErrorNotice error={liveError} title={t('scope.previewFailed')} />
        {saveError?.code === 'BRANCH_MOVED' ? (
          <BranchMovedNotice error={saveError} onReload={() => void store.reloadAfterMove()} />
        ) : (
          <ErrorNotice error={saveError} title={t('scope.saveFailed')} />
        )}
        {reloaded && (
          <p className="notice notice-info" role="status">
            {reloaded === 'kept' ? t('scope.reloadedKept') : t('scope.reloadedReplaced')}
          </p>
        )}
        <div className="dialog-actions scope-actions">
          <button type="button" className="button primary" onClick={() => void store.save()} disabled={saving || blocked || !startTip || unchanged} aria-keyshortcuts="Control+Enter Meta+Enter">
            {saving ? t('scope.saving') : t('scope.save')}
          </button>
          <button type="button" className="button" onClick={store.cancel} aria-keyshortcuts="Escape">
            {t('scope.cancel')}
          </button>
          {blocked && <span className="field-error">{t('scope.fixFirst')}</span>}
        </div>
      </div>
      <PatternSuggestionList moduleId={moduleId} />
    </div>
  );
}
