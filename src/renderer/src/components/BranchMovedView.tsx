// "The branch moved": someone committed to the same document since the edit began. Each such document is
// merged by hand (theirs ↔ mine); then one commit records the result on top of the new tip. Until then mine
// stays in its draft, and theirs is on the branch: neither version is lost.

import type { MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditorKeyHandlers } from '../monaco/editorKeys';
import type { DocSession } from '../stores/documents';
import { MergeEditor } from './MergeEditor';

export interface MergeItem {
  key: string;
  session: DocSession;
  label: string;
}

interface Props {
  branch: string;
  items: MergeItem[];
  busy: boolean;
  keys: MutableRefObject<EditorKeyHandlers>;
  onCommit: () => void;
}

export function BranchMovedView({ branch, items, busy, keys, onCommit }: Props) {
  const { t } = useTranslation();
  const tip = items[0]?.session.conflict?.theirs.branchTip?.slice(0, 7) ?? '';
  return (
    <div className="branch-moved" data-testid="branch-moved">
      <div className="notice notice-warning" role="alert">
        <div className="notice-text">
          <strong className="notice-title">{t('merge.title', { branch })}</strong>
          <span>{t('merge.explain', { count: items.length, commit: tip })}</span>
        </div>
        <button type="button" className="button primary" onClick={onCommit} disabled={busy} aria-busy={busy} data-testid="commit-merged">
          {t(busy ? 'editor.committing' : 'merge.commit')}
        </button>
      </div>
      {items.map((item, i) => (
        <MergeEditor key={item.key} sessionKey={item.key} session={item.session} label={item.label} keys={keys} primary={i === 0} />
      ))}
    </div>
  );
}
