// Above the implementation log's editor: "Generate from history" writes the module branch's own commits into the
// log's draft (text outside the generated section is kept), shown in the editor to review and commit.

import { useTranslation } from 'react-i18next';
import { docKey, moduleDoc } from '../../lib/docRef';
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
      <GenerationOutcomeText sessionKey={key} outcome={generation?.outcome ?? null} kind="log" />
      <ErrorNotice error={generation?.error ?? null} title={t('reports.log.failed')} />
    </div>
  );
}
