// The board: its state from getBoard, reloads (manual, and debounced on boardChanged), and the filter.

import { create } from 'zustand';
import type { BoardState } from '../../../shared/types';
import { api, asApiError, type ApiError } from '../api';
import { EMPTY_FILTER, type BoardFilter } from '../lib/filter';

const REFRESH_DEBOUNCE_MS = 250;

interface BoardStore {
  board: BoardState | null;
  loading: boolean;
  error: ApiError | null;
  filter: BoardFilter;
  /** The card that holds the board's single tab stop (roving tabindex). */
  activeId: string | null;
  refresh: () => Promise<void>;
  /** Coalesces bursts of change events into one reload. */
  scheduleRefresh: () => void;
  setFilter: (patch: Partial<BoardFilter>) => void;
  clearFilter: () => void;
  setActive: (moduleId: string | null) => void;
  reset: () => void;
}

let debounceTimer: ReturnType<typeof setTimeout> | null = null;
let inFlight: Promise<void> | null = null;
let again = false;

export const useBoardStore = create<BoardStore>((set, get) => ({
  board: null,
  loading: false,
  error: null,
  filter: EMPTY_FILTER,
  activeId: null,

  refresh: () => {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    set({ loading: true });
    inFlight = (async () => {
      do {
        again = false;
        try {
          const board = await api.getBoard({});
          set({ board, error: null });
        } catch (error) {
          set({ error: asApiError(error) });
        }
      } while (again);
      inFlight = null;
      set({ loading: false });
    })();
    return inFlight;
  },

  scheduleRefresh: () => {
    if (debounceTimer) clearTimeout(debounceTimer);
    debounceTimer = setTimeout(() => {
      debounceTimer = null;
      void get().refresh();
    }, REFRESH_DEBOUNCE_MS);
  },

  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  clearFilter: () => set({ filter: EMPTY_FILTER }),
  setActive: (activeId) => set({ activeId }),
  reset: () => set({ board: null, error: null, activeId: null }),
}));
