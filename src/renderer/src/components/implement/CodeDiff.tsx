// One changed file as Monaco's diff: the left side as it was (the run's start tip, or the branch's fork point),
// the right side as it is now, editable when `onSave` is given (Ctrl/Cmd+S or the Save button). Loaded lazily.

import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { editor, IDisposable } from 'monaco-editor/editor/editor.api';
import { useResolvedTheme } from '../../hooks/useResolvedTheme';
import { languageFor } from '../../monaco/codeLanguages';
import { diffOptions } from '../../monaco/editorOptions';
import { monaco, monacoTheme } from '../../monaco/setup';
import { MonacoDiff } from '../MonacoDiff';
import { useEditorPrefsStore } from '../../stores/editorPrefs';
import { DiffControls } from '../DiffControls';
import { DiffLabels } from '../DiffLabels';
import '../../styles/editor.css';

interface Props {
  /** Unique per file and version: the models are named after it. */
  id: string;
  path: string;
  before: string | null;
  after: string | null;
  beforeLabel: string;
  afterLabel: string;
  /** Saves the right side; resolves true when saved. Absent: read-only. */
  onSave?: (content: string) => Promise<boolean>;
}

export default function CodeDiff({ id, path, before, after, beforeLabel, afterLabel, onSave }: Props) {
  const { t } = useTranslation();
  const theme = monacoTheme(useResolvedTheme());
  const inline = useEditorPrefsStore((s) => s.diffInline);
  const [initial] = useState(() => ({ before: before ?? '', after: after ?? '' }));
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const diffRef = useRef<editor.IStandaloneDiffEditor | null>(null);
  const bound = useRef<IDisposable[]>([]);
  const saveRef = useRef<() => void>(() => undefined);
  const editable = !!onSave;
  const options = useMemo(() => ({ ...diffOptions(inline, false, beforeLabel, afterLabel), readOnly: !editable, wordWrap: 'off' as const, diffWordWrap: 'off' as const }), [inline, editable, beforeLabel, afterLabel]);

  saveRef.current = () => {
    const text = diffRef.current?.getModifiedEditor().getValue();
    if (!onSave || text === undefined || saving) return;
    setSaving(true);
    void onSave(text).then((ok) => {
      setSaving(false);
      if (ok) setDirty(false);
    });
  };

  // Models are this instance's own: two diffs of the same file mounted at once (or one mounting while another unmounts)
  // never share one.
  const instance = useId();
  const safeId = `${id}-${instance}`.replace(/[^a-zA-Z0-9._-]/g, '_');
  // The bindings end before MonacoDiff ends the editor: a parent's layout cleanup runs before its child's.
  useLayoutEffect(
    () => () => {
      bound.current.forEach((d) => d.dispose());
      diffRef.current = null;
    },
    [],
  );
  const language = languageFor(path);
  return (
    <div className="code-diff" data-testid="code-diff" data-path={path}>
      <div className="code-diff-head">
        <DiffControls diffRef={diffRef} />
        {editable && (
          <>
            <span className="subtle" role="status" data-testid="code-diff-status">
              {saving ? t('implement.diff.saving') : dirty ? t('implement.diff.unsaved') : ''}
            </span>
            <button type="button" className="button small" disabled={!dirty || saving} onClick={() => saveRef.current()} aria-keyshortcuts="Control+S" data-testid="code-diff-save">
              {t('implement.diff.save')}
            </button>
          </>
        )}
      </div>
      <DiffLabels original={before === null ? t('implement.diff.absent', { side: beforeLabel }) : beforeLabel} modified={after === null ? t('implement.diff.absent', { side: afterLabel }) : afterLabel} />
      <div className="editor-frame diff-frame code-frame">
        <MonacoDiff
          original={{ path: `inmemory://fleet-code/${safeId}/before/${path}`, text: initial.before }}
          modified={{ path: `inmemory://fleet-code/${safeId}/after/${path}`, text: initial.after }}
          language={language}
          theme={theme}
          options={options}
          onMount={(diff) => {
            diffRef.current = diff;
            const inner = diff.getModifiedEditor();
            diff.getOriginalEditor().updateOptions({ ariaLabel: beforeLabel });
            inner.updateOptions({ ariaLabel: afterLabel });
            if (!editable) return;
            bound.current.push(inner.onDidChangeModelContent(() => setDirty(inner.getValue() !== initial.after)));
            inner.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => saveRef.current());
          }}
        />
      </div>
    </div>
  );
}
