// Previous / next change (Shift+F7 / F7) and inline ↔ side-by-side, for any diff view.

import { useId, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { editor } from 'monaco-editor/editor/editor.api';
import { displayCombo } from '../lib/hotkeys';
import { EDITOR_HOTKEYS } from '../lib/shortcuts';
import { useEditorPrefsStore } from '../stores/editorPrefs';

export function DiffControls({ diffRef }: { diffRef: MutableRefObject<editor.IStandaloneDiffEditor | null> }) {
  const { t } = useTranslation();
  const inline = useEditorPrefsStore((s) => s.diffInline);
  const setInline = useEditorPrefsStore((s) => s.setDiffInline);
  const name = useId();
  const go = (target: 'next' | 'previous') => {
    diffRef.current?.goToDiff(target);
    diffRef.current?.getModifiedEditor().focus();
  };
  return (
    <div className="diff-controls" role="group" aria-label={t('diff.controls')}>
      <button type="button" className="button small" onClick={() => go('previous')} aria-keyshortcuts="Shift+F7" title={displayCombo(EDITOR_HOTKEYS.previousChange)}>
        <span aria-hidden="true">↑ </span>
        {t('diff.previous')}
      </button>
      <button type="button" className="button small" onClick={() => go('next')} aria-keyshortcuts="F7" title={displayCombo(EDITOR_HOTKEYS.nextChange)}>
        <span aria-hidden="true">↓ </span>
        {t('diff.next')}
      </button>
      <fieldset className="segmented small">
        <legend className="visually-hidden">{t('diff.layout')}</legend>
        {([false, true] as const).map((value) => (
          <label key={String(value)} className="segment">
            <input type="radio" name={name} checked={inline === value} onChange={() => setInline(value)} />
            <span>{t(value ? 'diff.inline' : 'diff.sideBySide')}</span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}
