// What main's automatic resume did with the workspace's interrupted batches: one notice per batch (resumed, or not
// and why), until the user dismisses it. Main keeps them too, so a window that opens later still sees them.

import { create } from 'zustand';
import type { ResumeNotice } from '../../../shared/types-agents';
import { api } from '../api';

interface ResumeNoticesStore {
  notices: ResumeNotice[];
  load: () => Promise<void>;
  add: (notice: ResumeNotice) => void;
  dismiss: (batchId: string) => Promise<void>;
}

export const useResumeNoticesStore = create<ResumeNoticesStore>((set) => ({
  notices: [],
  load: async () => {
    try {
      set({ notices: await api.listResumeNotices({}) });
    } catch {
      // No workspace yet, or not initialised: nothing was resumed.
      set({ notices: [] });
    }
  },
  add: (notice) => set((s) => ({ notices: [...s.notices.filter((n) => n.batchId !== notice.batchId), notice] })),
  dismiss: async (batchId) => {
    set((s) => ({ notices: s.notices.filter((n) => n.batchId !== batchId) }));
    await api.dismissResumeNotice({ batchId }).catch(() => undefined);
  },
}));
