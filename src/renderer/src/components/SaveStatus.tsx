// Where the open documents stand: committing, committed, unsaved with the draft's time, or as committed.

import { useTranslation } from 'react-i18next';
import { hasChanges } from '../lib/docSession';
import { formatTime } from '../format';
import type { DocSession } from '../stores/documents';

export function SaveStatus({ sessions }: { sessions: DocSession[] }) {
  const { t } = useTranslation();
  const ready = sessions.filter((s) => s.status === 'ready');
  const changed = ready.filter(hasChanges);
  const saved = changed.map((s) => s.draftSavedAt).filter((d): d is string => !!d).sort().at(-1);
  const lastCommit = ready.map((s) => s.lastCommit).find(Boolean);
  let text = '';
  if (ready.some((s) => s.busy === 'committing')) text = t('editor.committing');
  else if (ready.some((s) => s.busy === 'approving')) text = t('editor.approving');
  else if (changed.length > 0) text = saved ? t('editor.unsavedDraftSaved', { time: formatTime(saved) }) : t('editor.unsaved');
  else if (lastCommit) text = t('editor.committed', { commit: lastCommit.slice(0, 7) });
  else if (ready.length > 0) text = t('editor.clean');
  return (
    <span className="save-status" role="status" data-testid="save-status" data-dirty={changed.length > 0}>
      {text}
    </span>
  );
}
