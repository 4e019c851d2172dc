// User preferences kept in localStorage: theme (system/light/dark) and how the board is grouped.

import { create } from 'zustand';
import type { GroupBy } from '../lib/grouping';

export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'fleet-control.settings';

interface Saved {
  theme: ThemeChoice;
  groupBy: GroupBy;
}

interface SettingsStore extends Saved {
  setTheme: (theme: ThemeChoice) => void;
  setGroupBy: (groupBy: GroupBy) => void;
}

function load(): Saved {
  const fallback: Saved = { theme: 'system', groupBy: 'category' };
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Saved>;
    return {
      theme: raw.theme === 'light' || raw.theme === 'dark' ? raw.theme : fallback.theme,
      groupBy: raw.groupBy === 'phase' ? 'phase' : fallback.groupBy,
    };
  } catch {
    return fallback;
  }
}

function save(s: Saved): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ theme: s.theme, groupBy: s.groupBy }));
  } catch {
    // Storage may be unavailable (private mode, quota); the choice still holds for this session.
  }
}

/** The CSS follows prefers-color-scheme unless data-theme pins light or dark. */
export function applyTheme(theme: ThemeChoice): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

export const useSettingsStore = create<SettingsStore>((set, get) => ({
  ...load(),
  setTheme: (theme) => {
    set({ theme });
    save(get());
    applyTheme(theme);
  },
  setGroupBy: (groupBy) => {
    set({ groupBy });
    save(get());
  },
}));
