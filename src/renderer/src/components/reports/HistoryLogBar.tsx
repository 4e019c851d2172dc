// Above the implementation log's editor: "Generate from history" writes the module branch's own commits into the
// log's draft (text outside the generated section is kept), shown in the editor to review and commit.

import { useTranslation } from 'react-i18next';
import { docKey, moduleDoc } from '../../lib/docRef';
import { useEditorViewStore } from '../../stores/editorView';
import { useReportDraftsStore } from '../../stores/reportDrafts';
import { ErrorNotice } from '../ErrorNotice';
import { GenerationOutcomeText } from './GenerationOutcomeText';
import './reports.css';

export function HistoryLogBar({ moduleId }: { moduleId: string }) {
  const { t } = useTranslation();
  const key = docKey(moduleDoc(moduleId, 'implementation-log'));
  const generation = useReportDraftsStore((s) => s.byDoc[key]);
  const generate = useReportDraftsStore((s) => s.generateLog);
  const busy = generation?.busy ?? false;
  const baseTip = generation?.outcome?.changed ? generation.outcome.baseTip : null;
  // The editor's compare view shows the draft against the log as committed at the tip the draft builds on.
  const showChanges = (commit: string) => {
    useEditorViewStore.getState().setCompareTarget({ type: 'commit', commit });
    useEditorViewStore.getState().setView('compare');
  };
  return (
    <div className="report-bar" data-testid="history-log-bar">
      <div className="report-bar-row">
        <button type="button" className="button" onClick={() => void generate(moduleId)} disabled={busy} aria-busy={busy} aria-describedby="history-log-hint" data-testid="generate-log">
          {t(busy ? 'reports.log.generating' : 'reports.log.generate')}
        </button>
        <span id="history-log-hint" className="subtle">
          {t('reports.log.hint')}
        </span>
      </div>
      <div className="report-bar-row">
        <GenerationOutcomeText sessionKey={key} outcome={generation?.outcome ?? null} kind="log" />
        {baseTip && (
          <button type="button" className="button link" onClick={() => showChanges(baseTip)} data-testid="show-log-changes">
            {t('reports.log.showChanges')}
          </button>
        )}
      </div>
      <ErrorNotice error={generation?.error ?? null} title={t('reports.log.failed')} />
    </div>
  );
}
