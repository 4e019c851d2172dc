// The commit message prompt: which documents Ctrl/Cmd+S is about to commit, and the message it proposes.

import { create } from 'zustand';

export interface CommitRequest {
  keys: string[];
  defaultMessage: string;
  /** True when the commit records the result of a merge after the branch moved. */
  merge: boolean;
}

interface CommitDialogStore {
  request: CommitRequest | null;
  show: (request: CommitRequest) => void;
  close: () => void;
}

export const useCommitDialogStore = create<CommitDialogStore>((set) => ({
  request: null,
  show: (request) => set({ request }),
  close: () => set({ request: null }),
}));
