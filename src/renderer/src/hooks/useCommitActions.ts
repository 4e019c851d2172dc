// Save = commit and approval for the documents on screen, with the sentence to announce afterwards.
// Ctrl/Cmd+S asks for a message (the commit dialog) unless the user chose to commit with the default one;
// the Commit buttons always ask, which is also where that choice is undone.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOC_FILE_NAMES } from '../../../shared/documents';
import { defaultCommitMessage } from '../lib/commitMessage';
import { docKey, type DocRef } from '../lib/docRef';
import { hasChanges } from '../lib/docSession';
import { useCommitDialogStore } from '../stores/commitDialog';
import { approveDocument, commitDocuments } from '../stores/commitFlow';
import { useDocumentsStore, type DocSession } from '../stores/documents';
import { useEditorPrefsStore } from '../stores/editorPrefs';

export const fileNameOf = (ref: DocRef) => (ref.scope === 'module' ? DOC_FILE_NAMES[ref.kind] : ref.name);

interface Options {
  keys: string[];
  subject: string;
  branch: string;
}

export function useCommitActions({ keys, subject, branch }: Options) {
  const { t, i18n } = useTranslation();
  const quickCommit = useEditorPrefsStore((s) => s.quickCommit);
  const showCommitDialog = useCommitDialogStore((s) => s.show);
  const [announcement, setAnnouncement] = useState('');
  const store = useDocumentsStore.getState;

  async function runCommit(commitKeys: string[], message: string) {
    const outcome = await commitDocuments(commitKeys, message);
    const commit = commitKeys.map((k) => store().sessions[k]?.lastCommit).find(Boolean);
    if (outcome === 'committed') setAnnouncement(t('editor.committedTo', { commit: commit?.slice(0, 7), branch }));
    else if (outcome === 'conflict') setAnnouncement(t('merge.announce', { branch }));
    else if (outcome === 'nothing') setAnnouncement(t('editor.nothingToCommit'));
    else setAnnouncement('');
  }

  async function requestCommit({ ask = false }: { ask?: boolean } = {}) {
    await Promise.all(keys.map((k) => store().flush(k)));
    const toCommit = keys.map((k) => store().sessions[k]).filter((s): s is DocSession => s?.status === 'ready' && hasChanges(s));
    if (toCommit.length === 0) return setAnnouncement(t('editor.nothingToCommit'));
    const merge = toCommit.find((s) => s.conflict);
    const message = defaultCommitMessage(
      {
        subject,
        files: toCommit.map((s) => ({ name: fileNameOf(s.ref), created: !s.conflict && s.base?.state === 'missing' })),
        mergedWith: merge?.conflict?.theirs.branchTip ?? null,
        language: i18n.language,
      },
      t,
    );
    const commitKeys = toCommit.map((s) => docKey(s.ref));
    if (quickCommit && !ask) await runCommit(commitKeys, message);
    else showCommitDialog({ keys: commitKeys, defaultMessage: message, merge: !!merge });
  }

  async function toggleApproval(ref: DocRef, label: string, approved: boolean) {
    if (await approveDocument(docKey(ref), !approved)) setAnnouncement(t(approved ? 'editor.withdrawnDone' : 'editor.approvedDone', { doc: label }));
  }

  return { announcement, setAnnouncement, runCommit, requestCommit, toggleApproval };
}
