// The whole module branch against the base: every file changed since the fork (code or documents), one open as a
// read-only Monaco diff, and the branch's commits with their Fleet-* trailers. Says plainly when only documents
// changed.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BranchChanges } from '../../../../shared/types-implement';
import { api, asApiError, type ApiError } from '../../api';
import { useBoardStore } from '../../stores/board';
import { ErrorNotice } from '../ErrorNotice';
import { BranchCommits } from './BranchCommits';
import { BranchFileDiff } from './BranchFileDiff';
import { ChangedFileList } from './ChangedFileList';
import { shortOid } from './format';

export function BranchChangesView({ moduleId }: { moduleId: string }) {
  const { t } = useTranslation();
  const tip = useBoardStore((s) => s.board?.modules.find((m) => m.id === moduleId)?.tip ?? null);
  const [changes, setChanges] = useState<BranchChanges | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  const load = () => {
    setError(null);
    api.getBranchChanges({ moduleId }).then(
      (c) => {
        setChanges(c);
        setOpen((o) => (o && c.files.some((f) => f.path === o) ? o : (c.files.find((f) => f.kind === 'code') ?? c.files[0])?.path ?? null));
      },
      (e) => setError(asApiError(e)),
    );
  };
  // Again when the branch moves (an accepted run, a commit from a terminal).
  useEffect(load, [moduleId, tip]);

  if (!changes) return error ? <ErrorNotice error={error} title={t('implement.branch.loadFailed')} onRetry={load} /> : <p className="subtle">{t('implement.branch.loading')}</p>;
  const file = changes.files.find((f) => f.path === open);
  const codeFiles = changes.files.filter((f) => f.kind === 'code').length;
  return (
    <section className="branch-changes" aria-labelledby="branch-heading" data-testid="branch-changes" data-code-changed={changes.codeChanged}>
      <h2 id="branch-heading">{t('implement.branch.heading')}</h2>
      <p className="subtle">
        {t('implement.branch.intro', { tip: shortOid(changes.tip), base: shortOid(changes.mergeBase) || '?', count: changes.files.length, code: codeFiles })}
      </p>
      <ErrorNotice error={error} title={t('implement.branch.loadFailed')} onRetry={load} />
      {!changes.codeChanged && (
        <p className="notice notice-warning" data-testid="documents-only">
          {t('implement.branch.documentsOnly')}
        </p>
      )}
      {changes.files.length > 0 && (
        <div className="review-layout">
          <ChangedFileList files={changes.files} open={open} onOpen={setOpen} />
          {file && <BranchFileDiff key={`${changes.tip}:${file.path}`} moduleId={moduleId} tip={changes.tip} file={file} />}
        </div>
      )}
      <BranchCommits commits={changes.commits} />
    </section>
  );
}
