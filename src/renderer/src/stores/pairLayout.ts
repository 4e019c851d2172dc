// How the as-is ↔ to-be pair is shown, remembered in localStorage: sections aligned by heading (the
// default, since the two are different documents) or Monaco's line diff (editable).

import { create } from 'zustand';

export type PairLayout = 'sections' | 'lines';

const KEY = 'fleet-control.pair-layout';

function load(): PairLayout {
  try {
    return localStorage.getItem(KEY) === 'lines' ? 'lines' : 'sections';
  } catch {
    return 'sections';
  }
}

interface PairLayoutStore {
  layout: PairLayout;
  setLayout: (layout: PairLayout) => void;
}

export const usePairLayoutStore = create<PairLayoutStore>((set) => ({
  layout: load(),
  setLayout: (layout) => {
    set({ layout });
    try {
      localStorage.setItem(KEY, layout);
    } catch {
      // Storage unavailable: the choice holds for this session.
    }
  },
}));
