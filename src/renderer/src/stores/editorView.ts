// What the module page's editor area shows: one document (with its preview), the as-is and to-be
// documents side by side in a diff, or one document compared with another version of it.

import { create } from 'zustand';
import type { CompareTarget } from '../../../shared/types';

export type EditorView = 'edit' | 'pair' | 'compare';

interface EditorViewStore {
  view: EditorView;
  compareTarget: CompareTarget;
  setView: (view: EditorView) => void;
  togglePair: () => void;
  setCompareTarget: (target: CompareTarget) => void;
}

export const useEditorViewStore = create<EditorViewStore>((set, get) => ({
  view: 'edit',
  compareTarget: { type: 'base' },
  setView: (view) => set({ view }),
  togglePair: () => set({ view: get().view === 'pair' ? 'edit' : 'pair' }),
  setCompareTarget: (compareTarget) => set({ compareTarget }),
}));
