// Long-running jobs (init for now): progress and outcome from jobProgress / jobFinished events.

import { create } from 'zustand';
import type { JobFinished, JobKind, JobProgress } from '../../../shared/types';
import { api, asApiError, type ApiError } from '../api';

export interface JobView {
  jobId: string;
  kind: JobKind | null;
  progress: JobProgress | null;
  finished: JobFinished | null;
  cancelling: boolean;
}

interface JobsStore {
  jobs: Record<string, JobView>;
  /** The init job this window started (or last saw), shown by the init banner until dismissed. */
  initJobId: string | null;
  initStarting: boolean;
  initError: ApiError | null;
  startInit: (baseBranch: string | undefined, docsFolder?: string) => Promise<void>;
  cancel: (jobId: string) => Promise<void>;
  dismissInit: () => void;
  onProgress: (progress: JobProgress) => void;
  onFinished: (finished: JobFinished) => void;
}

function blank(jobId: string): JobView {
  return { jobId, kind: null, progress: null, finished: null, cancelling: false };
}

export const useJobsStore = create<JobsStore>((set, get) => {
  function patch(jobId: string, change: Partial<JobView>): void {
    set((s) => ({ jobs: { ...s.jobs, [jobId]: { ...(s.jobs[jobId] ?? blank(jobId)), ...change } } }));
  }

  return {
    jobs: {},
    initJobId: null,
    initStarting: false,
    initError: null,

    startInit: async (baseBranch, docsFolder) => {
      set({ initStarting: true, initError: null, initJobId: null });
      try {
        const { jobId } = await api.initWorkspace({ ...(baseBranch ? { baseBranch } : {}), ...(docsFolder ? { docsFolder } : {}) });
        if (!get().jobs[jobId]) patch(jobId, { kind: 'init' });
        set({ initJobId: jobId, initStarting: false });
      } catch (error) {
        set({ initStarting: false, initError: asApiError(error) });
      }
    },

    cancel: async (jobId) => {
      patch(jobId, { cancelling: true });
      try {
        await api.cancelJob({ jobId });
      } catch {
        // The job finished (or vanished) first; its jobFinished event tells the outcome.
        patch(jobId, { cancelling: false });
      }
    },

    dismissInit: () => set({ initJobId: null, initError: null }),

    onProgress: (progress) => {
      patch(progress.jobId, { kind: progress.kind, progress });
      // An init started elsewhere (another window, the CLI through the same host) is shown too.
      if (progress.kind === 'init' && !get().initJobId && !get().initStarting) set({ initJobId: progress.jobId });
    },

    onFinished: (finished) => patch(finished.jobId, { kind: finished.kind, finished, cancelling: false }),
  };
});
