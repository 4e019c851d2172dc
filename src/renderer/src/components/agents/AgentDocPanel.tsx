// The agent side of a module page: "Draft with agent" for the selected document, the runs writing it now,
// the grounding flags of a draft a run wrote, and the module's run records with totals.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { DocKind } from '../../../../shared/documents';
import { useAgentsRunsStore } from '../../stores/agentsRuns';
import { useBatchDialogStore } from '../../stores/agentsBatchDialog';
import { useModuleStore } from '../../stores/module';
import { docKey, moduleDoc } from '../../lib/docRef';
import { useDocumentsStore } from '../../stores/documents';
import { GroundingFlags } from './GroundingFlags';
import { RunTable } from './RunTable';
import './agents.css';

interface Props {
  moduleId: string;
  kind: DocKind;
}

export function AgentDocPanel({ moduleId, kind }: Props) {
  const { t } = useTranslation();
  const runs = useAgentsRunsStore(useShallow((s) => Object.values(s.runs).filter((r) => r.moduleId === moduleId)));
  const loadRuns = useAgentsRunsStore((s) => s.loadRuns);
  // A commit (of a run's draft, too) moves the branch: read the records again to learn which run it took.
  const tip = useModuleStore((s) => (s.detail?.card.id === moduleId ? s.detail.card.tip : null));
  const sorted = [...runs].sort((a, b) => ((a.record?.queuedAt ?? '') < (b.record?.queuedAt ?? '') ? 1 : -1));
  const writing = runs.find((r) => r.kind === kind && (r.state === 'running' || r.state === 'queued'));
  const newest = sorted.find((r) => r.kind === kind && r.record?.startedAt);
  const fromRun = newest && !writing && newest.record && !newest.record.commit && newest.record.outputChars > 0 ? newest : null;

  // A run's draft is explained here (and checked below): the editor's "unsaved changes restored" notice would mislead.
  const key = docKey(moduleDoc(moduleId, kind));
  const restored = useDocumentsStore((s) => s.sessions[key]?.restoredFrom ?? null);
  useEffect(() => {
    if (fromRun && restored) useDocumentsStore.getState().patch(key, { restoredFrom: null });
  }, [fromRun, restored, key]);

  useEffect(() => {
    void loadRuns({ moduleId });
  }, [moduleId, tip, loadRuns]);

  return (
    <section className="agent-doc-panel" aria-labelledby="agent-panel-heading" data-testid="agent-doc-panel">
      <div className="panel-head">
        <h2 id="agent-panel-heading">{t('agents.doc.heading')}</h2>
        <span className="header-spacer" />
        <button
          type="button"
          className="button"
          disabled={!!writing}
          onClick={() => useBatchDialogStore.getState().show({ modules: [moduleId], kinds: [kind], fixed: true })}
          data-testid="draft-with-agent"
        >
          {t('agents.doc.draft', { doc: t(`doc.${kind}.long`) })}
        </button>
      </div>
      {writing && (
        <p className="notice notice-info" role="status" data-testid="agent-writing">
          {t(writing.state === 'queued' ? 'agents.doc.queued' : 'agents.doc.writing', { count: writing.outputChars })}
          {writing.message ? ` ${writing.message}` : ''}
        </p>
      )}
      {fromRun?.record && <GroundingFlags moduleId={moduleId} kind={kind} run={fromRun.record} />}
      <details className="module-runs">
        <summary>{t('agents.doc.records', { count: runs.length })}</summary>
        <RunTable runs={sorted} totals={null} label={t('agents.doc.recordsLabel')} />
      </details>
    </section>
  );
}
