// One document: Monaco on one side and its rendered preview on the other (or either alone).

import type { MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditorKeyHandlers } from '../monaco/editorKeys';
import type { DocSession } from '../stores/documents';
import { useEditorPrefsStore } from '../stores/editorPrefs';
import { MarkdownEditor } from './MarkdownEditor';
import { MarkdownPreview } from './MarkdownPreview';

interface Props {
  sessionKey: string;
  session: DocSession;
  label: string;
  keys: MutableRefObject<EditorKeyHandlers>;
}

export function DocumentPane({ sessionKey, session, label, keys }: Props) {
  const { t } = useTranslation();
  const mode = useEditorPrefsStore((s) => s.previewMode);
  return (
    <div className={`document-pane mode-${mode}`}>
      {mode !== 'preview' && (
        <MarkdownEditor key={`${sessionKey}:${session.revision}`} sessionKey={sessionKey} session={session} label={t('editor.ariaLabel', { doc: label })} keys={keys} />
      )}
      {mode !== 'editor' && (
        <section className="document-view preview-pane" aria-label={t('editor.previewLabel', { doc: label })} tabIndex={0} data-testid="document-view">
          <MarkdownPreview text={session.text} />
        </section>
      )}
    </div>
  );
}
