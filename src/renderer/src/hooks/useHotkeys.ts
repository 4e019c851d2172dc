// Page-level key combinations with modifiers (Ctrl/Cmd+S, Alt+1…): they work while typing in an editor,
// but not while a dialog is open. A handler returns false to let the key through.

import { useEffect, useRef } from 'react';
import { matchesCombo } from '../lib/hotkeys';

export type HotkeyMap = Record<string, (event: KeyboardEvent) => boolean | void>;

export function useHotkeys(map: HotkeyMap, enabled = true): void {
  const ref = useRef(map);
  useEffect(() => {
    ref.current = map;
  });
  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.isComposing) return;
      if (document.querySelector('dialog[open]')) return;
      for (const [combo, handler] of Object.entries(ref.current)) {
        if (!matchesCombo(event, combo)) continue;
        if (handler(event) !== false) event.preventDefault();
        return;
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
