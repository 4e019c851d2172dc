// One changed file as Monaco's diff: the left side as it was (the run's start tip, or the branch's fork point),
// the right side as it is now, editable when `onSave` is given (Ctrl/Cmd+S or the Save button). Loaded lazily.

import { DiffEditor } from '@monaco-editor/react';
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { editor, IDisposable } from 'monaco-editor/editor/editor.api';
import { useResolvedTheme } from '../../hooks/useResolvedTheme';
import { languageFor } from '../../monaco/codeLanguages';
import { diffOptions } from '../../monaco/editorOptions';
import { releaseDiffModels } from '../../monaco/diffModels';
import { monaco, monacoTheme } from '../../monaco/setup';
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
  // never share one, so disposing one's models never pulls them from under the other's widget.
  const instance = useId();
  const safeId = `${id}-${instance}`.replace(/[^a-zA-Z0-9._-]/g, '_');
  const originalPath = `inmemory://fleet-code/${safeId}/before/${path}`;
  const modifiedPath = `inmemory://fleet-code/${safeId}/after/${path}`;
  const paths = useRef<[string, string]>([originalPath, modifiedPath]);
  paths.current = [originalPath, modifiedPath];

  useLayoutEffect(
    () => () => {
      releaseDiffModels(diffRef.current, paths.current);
      bound.current.forEach((d) => d.dispose());
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
        <DiffEditor
          original={initial.before}
          modified={initial.after}
          originalModelPath={originalPath}
          modifiedModelPath={modifiedPath}
          keepCurrentOriginalModel
          keepCurrentModifiedModel
          language={language}
          theme={theme}
          options={options}
          loading={<p className="subtle editor-loading">{t('editor.loading')}</p>}
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
