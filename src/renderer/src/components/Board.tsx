// The board page: heading, init banner when needed, toolbar, and the module cards in groups.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useBoardView } from '../hooks/useBoardView';
import { useBoardStore } from '../stores/board';
import { useWorkspaceStore } from '../stores/workspace';
import { BatchLauncher } from './agents/BatchLauncher';
import { ImplementLauncher } from './implement/ImplementLauncher';
import { ChecksBar } from './checks/ChecksBar';
import { BoardToolbar } from './BoardToolbar';
import { ErrorNotice } from './ErrorNotice';
import { InitBanner } from './InitBanner';
import { ModuleGrid } from './ModuleGrid';
import { RemoteBar } from './remotes/RemoteBar';
import { PullRequestsBar } from './pulls/PullRequestsBar';
import { CiBar } from './ci/CiBar';
import { ExportReportButton } from './reports/ExportReportButton';
import { StateLegend } from './StateLegend';
import '../styles/board.css';

export function Board() {
  const { t } = useTranslation();
  const workspace = useWorkspaceStore((s) => s.workspace);
  const error = useBoardStore((s) => s.error);
  const refresh = useBoardStore((s) => s.refresh);
  const hasBoard = useBoardStore((s) => s.board !== null);
  const clearFilter = useBoardStore((s) => s.clearFilter);
  const view = useBoardView();

  // Coming back to the board (or opening it after a reconnect) shows fresh state.
  useEffect(() => {
    if (hasBoard) void refresh();
    // Only on mount: later changes arrive through boardChanged.
  }, []);

  if (!workspace) return null;
  return (
    <div className="page board-page">
      <div className="page-heading">
        <h1>{workspace.name}</h1>
        <p className="subtle">
          <span className="path">{workspace.path}</span>
          <span aria-hidden="true"> · </span>
          {t('board.baseBranch', { branch: workspace.baseBranch })}
        </p>
      </div>
      <InitBanner />
      <BoardToolbar view={view} />
      {workspace.initialised && <RemoteBar />}
      {workspace.initialised && <PullRequestsBar />}
      {workspace.initialised && <CiBar />}
      {workspace.initialised && (
        <div className="board-actions">
          <BatchLauncher />
          <ImplementLauncher />
          <ExportReportButton />
        </div>
      )}
      {workspace.initialised && <ChecksBar />}
      <ErrorNotice error={error} title={t('board.loadFailed')} onRetry={() => void refresh()} />
      {view ? (
        view.visible === 0 && view.filtering ? (
          <div className="empty-state">
            <p>{t('board.noMatch')}</p>
            <button type="button" className="button" onClick={clearFilter}>
              {t('board.clearFilter')}
            </button>
          </div>
        ) : (
          <>
            <StateLegend />
            <ModuleGrid groups={view.groups} />
          </>
        )
      ) : (
        !error && <div className="board-placeholder" aria-hidden="true" />
      )}
    </div>
  );
}
