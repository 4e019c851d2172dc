// One document in Monaco (markdown), bound to its editing session. The parent keys it by the session's
// revision, so it starts over whenever the store replaces the text (a restored or discarded draft, a reload).

import { Editor } from '@monaco-editor/react';
import { useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { editor, IDisposable } from 'monaco-editor/editor/editor.api';
import { useResolvedTheme } from '../hooks/useResolvedTheme';
import { bindEditorKeys, type EditorKeyHandlers } from '../monaco/editorKeys';
import { bindSession } from '../monaco/bindSession';
import { EDITOR_OPTIONS } from '../monaco/editorOptions';
import { monacoTheme } from '../monaco/setup';
import { selectRunWriting, useAgentsRunsStore } from '../stores/agentsRuns';
import type { DocSession } from '../stores/documents';

interface Props {
  sessionKey: string;
  session: DocSession;
  label: string;
  readOnly?: boolean;
  keys: MutableRefObject<EditorKeyHandlers>;
}

export function MarkdownEditor({ sessionKey, session, label, readOnly = false, keys }: Props) {
  const { t } = useTranslation();
  const theme = monacoTheme(useResolvedTheme());
  const bound = useRef<IDisposable[]>([]);
  // The text the editor starts from: read once, never pushed in again while the user types.
  const [initial] = useState(session.text);
  const [revision] = useState(session.revision);
  // While an agent run streams into this document its draft follows the run: typing would be overwritten.
  const runWriting = useAgentsRunsStore(selectRunWriting(sessionKey));
  const options = useMemo<editor.IStandaloneEditorConstructionOptions>(
    () => ({ ...EDITOR_OPTIONS, ariaLabel: label, readOnly: readOnly || runWriting, placeholder: t('editor.placeholder') }),
    [label, readOnly, runWriting, t],
  );

  useEffect(() => () => bound.current.forEach((d) => d.dispose()), []);

  return (
    <div className="editor-frame" data-testid="markdown-editor" data-session={sessionKey}>
      <Editor
        path={`inmemory://fleet/${sessionKey}/${revision}.md`}
        defaultValue={initial}
        defaultLanguage="markdown"
        theme={theme}
        options={options}
        loading={<p className="subtle editor-loading">{t('editor.loading')}</p>}
        onMount={(instance) => {
          bound.current.push(bindSession(instance, sessionKey, revision), bindEditorKeys(instance, keys));
        }}
      />
    </div>
  );
}
