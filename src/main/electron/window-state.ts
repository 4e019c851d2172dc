// The main window's size, position and maximised state, remembered in the app-data folder between runs.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen, type BrowserWindow, type Rectangle } from 'electron';

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const FILE_NAME = 'window-state.json';
export const MIN_WINDOW_SIZE = { width: 720, height: 480 };

function isRectangle(value: unknown): value is Rectangle {
  const r = value as Record<string, unknown> | null;
  return !!r && ['x', 'y', 'width', 'height'].every((key) => Number.isFinite(r[key]));
}

/** True when a good part of `bounds` lies on a display that is connected now. */
function isOnSomeDisplay(bounds: Rectangle): boolean {
  return screen.getAllDisplays().some(({ workArea: area }) => {
    const overlapWidth = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
    const overlapHeight = Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y);
    return overlapWidth >= 100 && overlapHeight >= 50;
  });
}

/** The remembered state, or null (first run, unreadable file, or a display that is gone) so the OS places the window. */
export function loadWindowState(appDataDir: string): WindowState | null {
  try {
    const stored = JSON.parse(readFileSync(join(appDataDir, FILE_NAME), 'utf8')) as Partial<WindowState>;
    if (!isRectangle(stored.bounds)) return null;
    const bounds = {
      ...stored.bounds,
      width: Math.max(MIN_WINDOW_SIZE.width, stored.bounds.width),
      height: Math.max(MIN_WINDOW_SIZE.height, stored.bounds.height),
    };
    if (!isOnSomeDisplay(bounds)) return null;
    return { bounds, maximized: stored.maximized === true };
  } catch {
    return null;
  }
}

/** Saves the window's normal bounds and maximised state when it closes (synchronously: the app may quit next). */
export function rememberWindowState(window: BrowserWindow, appDataDir: string, log: (message: string, error?: unknown) => void): void {
  window.on('close', () => {
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    const path = join(appDataDir, FILE_NAME);
    try {
      mkdirSync(appDataDir, { recursive: true });
      writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
      renameSync(`${path}.tmp`, path);
    } catch (error) {
      log('could not save the window state', error);
    }
  });
}
