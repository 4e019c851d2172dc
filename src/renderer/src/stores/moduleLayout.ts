// How the module page's side panel is laid out: the chosen tab (for this session), and its width and
// whether it is collapsed (kept in localStorage, like the editor's preferences).

import { create } from 'zustand';

const TAB_KEY = 'fleet-control.module-tab';
const PANEL_KEY = 'fleet-control.module-panel';

export const PANEL_MIN_WIDTH = 300;
export const PANEL_MAX_WIDTH = 720;
/** The width before the user drags it (the layout caps it at 45% of the window). */
export const PANEL_DEFAULT_WIDTH = 420;

interface Saved {
  width: number;
  collapsed: boolean;
}

interface ModuleLayoutStore extends Saved {
  /** The side panel's chosen tab, or null for the first. */
  tab: string | null;
  setTab: (tab: string) => void;
  setWidth: (width: number) => void;
  setCollapsed: (collapsed: boolean) => void;
}

export const clampWidth = (width: number): number => Math.round(Math.min(PANEL_MAX_WIDTH, Math.max(PANEL_MIN_WIDTH, width)));

function read(storage: () => Storage, key: string): unknown {
  try {
    return JSON.parse(storage().getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

function write(storage: () => Storage, key: string, value: unknown): void {
  try {
    storage().setItem(key, JSON.stringify(value));
  } catch {
    // Storage unavailable: the choice holds until the page reloads.
  }
}

function loadPanel(): Saved {
  const raw = read(() => localStorage, PANEL_KEY) as Partial<Saved> | null;
  return {
    width: typeof raw?.width === 'number' && Number.isFinite(raw.width) ? clampWidth(raw.width) : PANEL_DEFAULT_WIDTH,
    collapsed: raw?.collapsed === true,
  };
}

export const useModuleLayoutStore = create<ModuleLayoutStore>((set, get) => {
  const savePanel = (change: Partial<Saved>) => {
    set(change);
    const { width, collapsed } = get();
    write(() => localStorage, PANEL_KEY, { width, collapsed });
  };
  const tab = read(() => sessionStorage, TAB_KEY);
  return {
    ...loadPanel(),
    tab: typeof tab === 'string' ? tab : null,
    setTab: (next) => {
      set({ tab: next });
      write(() => sessionStorage, TAB_KEY, next);
    },
    setWidth: (width) => savePanel({ width: clampWidth(width) }),
    setCollapsed: (collapsed) => savePanel({ collapsed }),
  };
});
