// Whether the Implement dialog is open and for what: one module (its page) or a choice of modules (the board).

import { create } from 'zustand';

export interface ImplementDialogRequest {
  /** Preset modules; `fixed` hides the module choice (a module page's Implement). */
  modules: string[];
  fixed: boolean;
}

interface ImplementDialogStore {
  request: ImplementDialogRequest | null;
  show: (request: ImplementDialogRequest) => void;
  close: () => void;
}

export const useImplementDialogStore = create<ImplementDialogStore>((set) => ({
  request: null,
  show: (request) => set({ request }),
  close: () => set({ request: null }),
}));
