// The merge screen (#/merge): pick the target, forecast how every module branch would merge, read the
// overlaps and the suggested order, then merge the selected modules; a conflict opens its three-way view.

import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useKeyboardShortcut } from '../../hooks/useKeyboardShortcut';
import { useBoardStore } from '../../stores/board';
import { useMergeStore } from '../../stores/merge';
import { useMergeRunStore } from '../../stores/mergeRun';
import { useRouteStore } from '../../stores/route';
import { ErrorNotice } from '../ErrorNotice';
import { ForecastControls } from './ForecastControls';
import { ForecastTable } from './ForecastTable';
import { MergeConfirmDialog } from './MergeConfirmDialog';
import { MergeRunPanel } from './MergeRunPanel';
import { MergeTargetPicker } from './MergeTargetPicker';
import { OverlapMatrix } from './OverlapMatrix';
import { SuggestedOrder } from './SuggestedOrder';
import './merge.css';

const ConflictView = lazy(() => import('./ConflictView'));

export function MergePage() {
  const { t } = useTranslation();
  const load = useMergeStore((s) => s.load);
  const reloadTargets = useMergeStore((s) => s.reloadTargets);
  const loadError = useMergeStore((s) => s.loadError);
  const loading = useMergeStore((s) => s.loading);
  const forecast = useMergeStore((s) => s.forecast);
  const hasTargets = useMergeStore((s) => s.targets.length > 0);
  const conflict = useMergeRunStore((s) => s.conflict);
  const boardLoadedAt = useBoardStore((s) => s.board?.loadedAt);

  // Escape closes the three-way view, then goes back to the board (a dialog takes its own Escape).
  useKeyboardShortcut('Escape', () => {
    if (document.querySelector('dialog[open]')) return false;
    if (useMergeRunStore.getState().conflict) useMergeRunStore.getState().closeConflict();
    else useRouteStore.getState().navigate({ page: 'board' });
  });

  useEffect(() => {
    document.title = `${t('merges.title')} · ${t('app.name')}`;
    void load();
  }, [load, t]);

  // A branch moved (here, in a terminal, by a push): the targets' tips tell whether the forecast still holds.
  useEffect(() => {
    if (boardLoadedAt) void reloadTargets();
  }, [boardLoadedAt, reloadTargets]);

  return (
    <div className="page merge-page" data-testid="merge-page">
      <div className="page-heading">
        <h1>{t('merges.title')}</h1>
        <p className="subtle">{t('merges.intro')}</p>
      </div>
      <ErrorNotice error={loadError} title={t('merges.loadFailed')} onRetry={() => void load()} />
      {loading && !forecast && <p className="subtle">{t('merges.loading')}</p>}
      {hasTargets && (
        <div className="merge-setup">
          <MergeTargetPicker />
          <ForecastControls />
        </div>
      )}
      {forecast && (
        <>
          <ForecastTable forecast={forecast} />
          <OverlapMatrix forecast={forecast} />
          <SuggestedOrder forecast={forecast} />
        </>
      )}
      <MergeRunPanel />
      {conflict && (
        <Suspense fallback={<p className="subtle">{t('merges.conflict.loading')}</p>}>
          <ConflictView key={`${conflict.moduleId}:${conflict.path}`} conflict={conflict} />
        </Suspense>
      )}
      <MergeConfirmDialog />
    </div>
  );
}
