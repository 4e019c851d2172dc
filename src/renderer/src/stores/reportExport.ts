// The board's HTML report: asked of main as text, then saved as a download.

import { create } from 'zustand';
import { api, asApiError, type ApiError } from '../api';
import { saveTextFile } from '../lib/saveFile';

interface ReportExportStore {
  busy: boolean;
  error: ApiError | null;
  /** The file name of the last report saved. */
  savedAs: string | null;
  exportHtml: () => Promise<void>;
}

export const useReportExportStore = create<ReportExportStore>((set) => ({
  busy: false,
  error: null,
  savedAs: null,

  exportHtml: async () => {
    set({ busy: true, error: null, savedAs: null });
    try {
      const report = await api.exportHtmlReport({});
      saveTextFile(report.fileName, report.html, 'text/html;charset=utf-8');
      set({ busy: false, savedAs: report.fileName });
    } catch (error) {
      set({ busy: false, error: asApiError(error) });
    }
  },
}));
