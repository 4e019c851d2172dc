// "Export HTML report" on the board: the board as one self-contained HTML file, saved as a download.

import { useTranslation } from 'react-i18next';
import { useReportExportStore } from '../../stores/reportExport';
import { ErrorNotice } from '../ErrorNotice';
import './reports.css';

export function ExportReportButton() {
  const { t } = useTranslation();
  const { busy, error, savedAs, exportHtml } = useReportExportStore();
  return (
    <div className="report-export" data-testid="report-export">
      <div className="report-bar-row">
        <button type="button" className="button" onClick={() => void exportHtml()} disabled={busy} aria-busy={busy} aria-describedby="report-export-hint" data-testid="export-report">
          <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M8 2v8m-3-3 3 3 3-3M3 12v2h10v-2" />
          </svg>
          {t(busy ? 'reports.export.exporting' : 'reports.export.button')}
        </button>
        <span id="report-export-hint" className="subtle">
          {t('reports.export.hint')}
        </span>
        <span role="status" className="subtle" data-testid="export-outcome">
          {savedAs ? t('reports.export.saved', { file: savedAs }) : ''}
        </span>
      </div>
      <ErrorNotice error={error} title={t('reports.export.failed')} />
    </div>
  );
}
