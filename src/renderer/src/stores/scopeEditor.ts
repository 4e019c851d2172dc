// The module page's pattern editor: the edited list, its live preview and suggestions (debounced while the user
// types), undo of the last removal, rejected suggestions, and saving to the manifest from the tip the edit began at.

import { create } from 'zustand';
import type { PatternPreview, PatternSuggestions, SavedPatterns } from '../../../shared/types-scope';
import { api, asApiError, type ApiError } from '../api';
import { localProblems, patternsToSend } from '../lib/patternList';
import { useBoardStore } from './board';
import { useModuleStore } from './module';

const PREVIEW_DEBOUNCE_MS = 250;

interface ScopeEditorStore {
  moduleId: string | null;
  /** The committed list and the workspace-branch tip the edit started from. */
  committed: string[];
  startTip: string | null;
  rows: string[];
  lastRemoved: { pattern: string; index: number } | null;
  preview: PatternPreview | null;
  suggestions: PatternSuggestions | null;
  updating: boolean;
  /** Preview or suggestions could not be read. */
  liveError: ApiError | null;
  saving: boolean;
  saveError: ApiError | null;
  /** The last save of this module, shown after the editor closes. */
  saved: SavedPatterns | null;
  /** After a reload for a moved branch: whether the user's rows were kept or replaced by someone else's list. */
  reloaded: 'kept' | 'replaced' | null;
  begin: (moduleId: string) => Promise<void>;
  cancel: () => void;
  setRow: (index: number, text: string) => void;
  addRow: (text: string) => void;
  removeRow: (index: number) => void;
  undoRemove: () => void;
  accept: (pattern: string) => void;
  reject: (pattern: string) => Promise<void>;
  restoreRejected: () => Promise<void>;
  save: () => Promise<boolean>;
  /** After BRANCH_MOVED: re-reads the committed list; keeps the user's rows when this module's list did not change. */
  reloadAfterMove: () => Promise<void>;
}

let timer: ReturnType<typeof setTimeout> | null = null;
let sequence = 0;

export const useScopeEditorStore = create<ScopeEditorStore>((set, get) => {
  /** Re-reads the preview and the suggestions for the current rows, soon (or now). */
  function refresh(delay = PREVIEW_DEBOUNCE_MS): void {
    if (timer) clearTimeout(timer);
    set({ updating: true });
    timer = setTimeout(() => {
      timer = null;
      void load();
    }, delay);
  }

  async function load(): Promise<void> {
    const { moduleId, rows } = get();
    if (!moduleId) return;
    const mine = ++sequence;
    const patterns = patternsToSend(rows);
    try {
      const [preview, suggestions] = await Promise.all([
        api.previewModulePatterns({ moduleId, patterns }),
        api.suggestModulePatterns({ moduleId, patterns }),
      ]);
      if (mine === sequence && get().moduleId === moduleId) set({ preview, suggestions, updating: false, liveError: null });
    } catch (error) {
      if (mine === sequence && get().moduleId === moduleId) set({ updating: false, liveError: asApiError(error) });
    }
  }

  const edit = (rows: string[], extra: Partial<ScopeEditorStore> = {}) => {
    set({ rows, saveError: null, reloaded: null, ...extra });
    refresh();
  };

  return {
    moduleId: null,
    committed: [],
    startTip: null,
    rows: [],
    lastRemoved: null,
    preview: null,
    suggestions: null,
    updating: false,
    liveError: null,
    saving: false,
    saveError: null,
    saved: null,
    reloaded: null,

    begin: async (moduleId) => {
      set({ moduleId, rows: [], committed: [], startTip: null, preview: null, suggestions: null, lastRemoved: null, saveError: null, liveError: null, saved: null, reloaded: null, updating: true });
      try {
        const start = await api.getModulePatterns({ moduleId });
        if (get().moduleId !== moduleId) return;
        set({ committed: start.patterns, startTip: start.workspaceTip, rows: [...start.patterns] });
        refresh(0);
      } catch (error) {
        if (get().moduleId === moduleId) set({ liveError: asApiError(error), updating: false });
      }
    },

    cancel: () => {
      if (timer) clearTimeout(timer);
      sequence++;
      set({ moduleId: null, rows: [], preview: null, suggestions: null, lastRemoved: null, saveError: null, liveError: null, updating: false });
    },

    setRow: (index, text) => edit(get().rows.map((row, i) => (i === index ? text : row))),
    addRow: (text) => edit([...get().rows, text]),
    removeRow: (index) => {
      const { rows } = get();
      edit(rows.filter((_, i) => i !== index), { lastRemoved: { pattern: rows[index] ?? '', index } });
    },
    undoRemove: () => {
      const { rows, lastRemoved } = get();
      if (!lastRemoved) return;
      const next = [...rows];
      next.splice(Math.min(lastRemoved.index, next.length), 0, lastRemoved.pattern);
      edit(next, { lastRemoved: null });
    },
    accept: (pattern) => {
      if (!get().rows.some((r) => r.trim() === pattern)) edit([...get().rows, pattern]);
    },

    reject: async (pattern) => {
      const { moduleId, suggestions } = get();
      if (!moduleId) return;
      try {
        const { rejected } = await api.rejectPatternSuggestion({ moduleId, pattern });
        // Hide it at once; the next refresh agrees.
        if (suggestions && get().moduleId === moduleId) set({ suggestions: { ...suggestions, rejected, suggestions: suggestions.suggestions.filter((s) => s.pattern !== pattern) } });
      } catch (error) {
        set({ liveError: asApiError(error) });
      }
    },

    restoreRejected: async () => {
      const { moduleId } = get();
      if (!moduleId) return;
      try {
        await api.restorePatternSuggestions({ moduleId });
        refresh(0);
      } catch (error) {
        set({ liveError: asApiError(error) });
      }
    },

    save: async () => {
      const { moduleId, rows, startTip, saving } = get();
      if (!moduleId || saving) return false;
      if (!startTip) return false;
      if (localProblems(rows).some((p) => p === 'duplicate')) return false;
      set({ saving: true, saveError: null });
      try {
        const saved = await api.saveModulePatterns({ moduleId, patterns: patternsToSend(rows), expectedTip: startTip });
        if (timer) clearTimeout(timer);
        sequence++;
        set({ saving: false, saved, moduleId: null, rows: [], preview: null, suggestions: null, lastRemoved: null, updating: false });
        void useModuleStore.getState().reload();
        useBoardStore.getState().scheduleRefresh();
        return true;
      } catch (error) {
        set({ saving: false, saveError: asApiError(error) });
        return false;
      }
    },

    reloadAfterMove: async () => {
      const { moduleId, committed, rows } = get();
      if (!moduleId) return;
      try {
        const latest = await api.getModulePatterns({ moduleId });
        const unchanged = latest.patterns.length === committed.length && latest.patterns.every((p, i) => p === committed[i]);
        set({ startTip: latest.workspaceTip, committed: latest.patterns, saveError: null, rows: unchanged ? rows : [...latest.patterns], reloaded: unchanged ? 'kept' : 'replaced' });
        refresh(0);
      } catch (error) {
        set({ saveError: asApiError(error) });
      }
    },
  };
});
