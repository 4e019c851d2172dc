// Changed files with their status and lines added/removed; each opens its diff, and (in a run's review) can be
// dropped from the change after a confirmation.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayPath } from '../../../../shared/display-path';
import type { ChangedFile } from '../../../../shared/types-implement';

interface Props {
  files: Array<ChangedFile & { kind?: 'code' | 'docs' }>;
  open: string | null;
  onOpen: (path: string) => void;
  /** Present in a run's review: drops the file from the change. */
  onDrop?: (path: string) => void;
}

export function ChangedFileList({ files, open, onOpen, onDrop }: Props) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <ul className="changed-files" aria-label={t('implement.review.files', { count: files.length })} data-testid="changed-files">
      {files.map((f) => (
        <li key={f.path} data-testid="changed-file" data-path={f.path} data-status={f.status} aria-current={f.path === open ? 'true' : undefined}>
          <button type="button" className="link-button changed-file-open" onClick={() => onOpen(f.path)} aria-pressed={f.path === open}>
            <span className={`tag status-${f.status}`}>{t(`implement.status.${f.status}`)}</span>
            <code>{f.oldPath ? `${displayPath(f.oldPath)} → ${displayPath(f.path)}` : displayPath(f.path)}</code>
          </button>
          <span className="line-counts">
            {f.binary ? (
              <span className="subtle">{t('implement.review.binary')}</span>
            ) : (
              <>
                <span className="additions" aria-label={t('implement.review.additions', { count: f.additions })}>+{f.additions}</span>{' '}
                <span className="deletions" aria-label={t('implement.review.deletions', { count: f.deletions })}>−{f.deletions}</span>
              </>
            )}
          </span>
          {f.kind && <span className={`tag ${f.kind === 'code' ? 'kind-code' : ''}`}>{t(`implement.kind.${f.kind}`)}</span>}
          {f.editedByUser && <span className="tag">{t('implement.review.editedByYou')}</span>}
          {onDrop &&
            (confirming === f.path ? (
              <span className="confirm-inline" role="group" aria-label={t('implement.review.dropConfirm', { path: displayPath(f.path) })}>
                <span>{t('implement.review.dropConfirm', { path: displayPath(f.path) })}</span>
                <button type="button" className="button small danger" onClick={() => (setConfirming(null), onDrop(f.path))} data-testid="drop-confirm">
                  {t('implement.review.dropYes')}
                </button>
                <button type="button" className="button small" onClick={() => setConfirming(null)}>
                  {t('implement.review.dropNo')}
                </button>
              </span>
            ) : (
              <button type="button" className="button small" onClick={() => setConfirming(f.path)} aria-label={t('implement.review.dropOf', { path: displayPath(f.path) })} data-testid="drop-file">
                {t('implement.review.drop')}
              </button>
            ))}
        </li>
      ))}
    </ul>
  );
}
