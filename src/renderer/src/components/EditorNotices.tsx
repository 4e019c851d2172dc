// What the editor has to say about the documents on screen: a restored draft, a failed commit or approval
// (branch checked out, locked, …), a draft that could not be kept, a branch that moved under the edit.

import { useTranslation } from 'react-i18next';
import { docKey, type DocRef } from '../lib/docRef';
import { useDocumentsStore, type DocSession } from '../stores/documents';
import { DraftRestoredNotice } from './DraftRestoredNotice';
import { ErrorNotice } from './ErrorNotice';

interface Props {
  sessions: DocSession[];
  label: (ref: DocRef) => string;
  /** The branch moved under an edit that has not met it yet (committing will reconcile). */
  movedUnder: string | null;
}

export function EditorNotices({ sessions, label, movedUnder }: Props) {
  const { t } = useTranslation();
  const store = useDocumentsStore.getState;
  return (
    <>
      {sessions.map((s) => {
        const key = docKey(s.ref);
        return (
          <div key={key}>
            {s.restoredFrom && (
              <DraftRestoredNotice
                label={label(s.ref)}
                savedAt={s.restoredFrom}
                onDiscard={() => void store().discardChanges(key)}
                onDismiss={() => store().patch(key, { restoredFrom: null })}
              />
            )}
            <ErrorNotice error={s.error} title={t('editor.actionFailed', { doc: label(s.ref) })} />
            <ErrorNotice error={s.draftError} title={t('editor.draftFailed', { doc: label(s.ref) })} />
          </div>
        );
      })}
      {movedUnder && <p className="notice notice-info">{t('editor.movedUnder', { branch: movedUnder })}</p>}
    </>
  );
}
