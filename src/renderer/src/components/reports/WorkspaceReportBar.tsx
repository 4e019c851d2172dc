// Above a generated workspace document's editor (FLEET_ENHANCEMENT_SUMMARY.md, MERGE_STRATEGY.md): "Generate"
// runs as a job with progress and Cancel, and its result lands in the draft for review.

import { useTranslation } from 'react-i18next';
import type { GeneratedWorkspaceDoc } from '../../../../shared/types-reports';
import { docKey, workspaceDoc } from '../../lib/docRef';
import { useJobsStore } from '../../stores/jobs';
import { useReportDraftsStore } from '../../stores/reportDrafts';
import { ErrorNotice } from '../ErrorNotice';
import { JobProgressBar } from '../JobProgressBar';
import { GenerationOutcomeText } from './GenerationOutcomeText';
import './reports.css';

export function WorkspaceReportBar({ name }: { name: GeneratedWorkspaceDoc }) {
  const { t } = useTranslation();
  const key = docKey(workspaceDoc(name));
  const generation = useReportDraftsStore((s) => s.byDoc[key]);
  const generate = useReportDraftsStore((s) => s.generateWorkspaceReport);
  const job = useJobsStore((s) => (generation?.jobId ? s.jobs[generation.jobId] : undefined));
  const cancel = useJobsStore((s) => s.cancel);
  const busy = generation?.busy ?? false;
  const hint = name === 'MERGE_STRATEGY.md' ? 'reports.workspace.hintStrategy' : 'reports.workspace.hintSummary';
  return (
    <div className="report-bar" data-testid="workspace-report-bar">
      <div className="report-bar-row">
        <button type="button" className="button" onClick={() => void generate(name)} disabled={busy} aria-busy={busy} aria-describedby="workspace-report-hint" data-testid="generate-report">
          {t(busy ? 'reports.workspace.generating' : 'reports.workspace.generate', { name })}
        </button>
        <span id="workspace-report-hint" className="subtle">
          {t(hint)}
        </span>
      </div>
      {job && busy && <JobProgressBar job={job} label={t('reports.workspace.progress', { name })} onCancel={() => void cancel(job.jobId)} />}
      <GenerationOutcomeText sessionKey={key} outcome={generation?.outcome ?? null} kind="workspace" />
      <ErrorNotice error={generation?.error ?? null} title={t('reports.workspace.failed', { name })} />
    </div>
  );
}
