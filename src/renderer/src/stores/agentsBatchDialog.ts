// Whether the agent batch dialog is open, and what it starts from (the board: any modules; a module page:
// one module and one document).

import { create } from 'zustand';
import type { DocKind } from '../../../shared/documents';

export interface BatchDialogRequest {
  /** Preset modules; `fixed` hides the module choice (a module page's "Draft with agent"). */
  modules: string[] | 'all';
  kinds: DocKind[];
  fixed: boolean;
}

interface BatchDialogStore {
  request: BatchDialogRequest | null;
  show: (request: BatchDialogRequest) => void;
  close: () => void;
}

export const useBatchDialogStore = create<BatchDialogStore>((set) => ({
  request: null,
  show: (request) => set({ request }),
  close: () => set({ request: null }),
}));
