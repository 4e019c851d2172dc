// One file read-only in Monaco (a module file at its branch tip). Loaded lazily.

import Editor from '@monaco-editor/react';
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { editor } from 'monaco-editor/editor/editor.api';
import { useResolvedTheme } from '../../hooks/useResolvedTheme';
import { languageFor } from '../../monaco/codeLanguages';
import { EDITOR_OPTIONS } from '../../monaco/editorOptions';
import { monacoTheme } from '../../monaco/setup';
import '../../styles/editor.css';

interface Props {
  id: string;
  path: string;
  text: string;
  label: string;
}

export default function CodeViewer({ id, path, text, label }: Props) {
  const { t } = useTranslation();
  const theme = monacoTheme(useResolvedTheme());
  const ref = useRef<editor.IStandaloneCodeEditor | null>(null);
  useLayoutEffect(
    () => () => {
      ref.current?.getModel()?.dispose();
    },
    [],
  );
  return (
    <div className="editor-frame code-frame" data-testid="code-viewer" data-path={path}>
      <Editor
        value={text}
        path={`inmemory://fleet-view/${id.replace(/[^a-zA-Z0-9._-]/g, '_')}/${path}`}
        language={languageFor(path)}
        theme={theme}
        options={{ ...EDITOR_OPTIONS, readOnly: true, wordWrap: 'off', ariaLabel: label, domReadOnly: true }}
        loading={<p className="subtle editor-loading">{t('editor.loading')}</p>}
        onMount={(e) => {
          ref.current = e;
        }}
      />
    </div>
  );
}
