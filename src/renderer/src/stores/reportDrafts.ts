// Generated documents: the implementation log (answered at once) and the workspace reports (a job), each put
// into the document's draft by main and shown in the open editor for review, per document.

import { create } from 'zustand';
import type { JobFinished } from '../../../shared/types';
import type { GeneratedWorkspaceDoc, ImplementationLogDraft, WorkspaceReportDraft } from '../../../shared/types-reports';
import { api, ApiError, asApiError } from '../api';
import { docKey, moduleDoc, workspaceDoc } from '../lib/docRef';
import { useDocumentsStore } from './documents';
import { useJobsStore } from './jobs';

export interface GenerationOutcome {
  changed: boolean;
  keptUserText: boolean;
  /** Implementation log only: commits listed and whether older ones were left out. */
  commits?: number;
  truncated?: boolean;
  /** The branch tip the draft builds on: its committed version is what the draft is compared with. */
  baseTip?: string | null;
}

export interface Generation {
  busy: boolean;
  jobId: string | null;
  error: ApiError | null;
  outcome: GenerationOutcome | null;
}

interface ReportDraftsStore {
  byDoc: Record<string, Generation>;
  generateLog: (moduleId: string) => Promise<void>;
  generateWorkspaceReport: (name: GeneratedWorkspaceDoc) => Promise<void>;
}

const idle: Generation = { busy: false, jobId: null, error: null, outcome: null };

/** Shows main's new draft in the editor session, if the document is open. */
function showDraft(key: string, draft: ImplementationLogDraft | WorkspaceReportDraft): void {
  if (draft.changed) useDocumentsStore.getState().adoptDraft(key, draft.content, draft.savedAt);
}

export const useReportDraftsStore = create<ReportDraftsStore>((set) => {
  const patch = (key: string, change: Partial<Generation>) => set((s) => ({ byDoc: { ...s.byDoc, [key]: { ...(s.byDoc[key] ?? idle), ...change } } }));

  /** Main builds on the draft it holds: the editor's latest text is stored first, so none of it is lost. */
  const start = async (key: string) => {
    patch(key, { busy: true, error: null, outcome: null, jobId: null });
    await useDocumentsStore.getState().flush(key);
  };

  return {
    byDoc: {},

    generateLog: async (moduleId) => {
      const key = docKey(moduleDoc(moduleId, 'implementation-log'));
      try {
        await start(key);
        const draft = await api.generateImplementationLog({ moduleId });
        showDraft(key, draft);
        patch(key, { busy: false, outcome: { changed: draft.changed, keptUserText: draft.keptUserText, commits: draft.commits, truncated: draft.truncated, baseTip: draft.baseTip } });
      } catch (error) {
        patch(key, { busy: false, error: asApiError(error) });
      }
    },

    generateWorkspaceReport: async (name) => {
      const key = docKey(workspaceDoc(name));
      const finish = (finished: JobFinished) => {
        if (finished.kind !== 'report') return;
        if (!finished.ok || !finished.result) {
          patch(key, { busy: false, jobId: null, error: finished.error ? new ApiError(finished.error.code, finished.error.message, finished.error.data) : null });
          return;
        }
        showDraft(key, finished.result);
        patch(key, { busy: false, jobId: null, outcome: { changed: finished.result.changed, keptUserText: finished.result.keptUserText } });
      };
      try {
        await start(key);
        const { jobId } = await api.generateWorkspaceReport({ name });
        patch(key, { jobId });
        const done = useJobsStore.getState().jobs[jobId]?.finished;
        if (done) return finish(done);
        const off = useJobsStore.subscribe((s) => {
          const finished = s.jobs[jobId]?.finished;
          if (!finished) return;
          off();
          finish(finished);
        });
      } catch (error) {
        patch(key, { busy: false, jobId: null, error: asApiError(error) });
      }
    },
  };
});
