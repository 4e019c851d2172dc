// Keys the editor would otherwise keep for itself (Alt+Up/Down move lines, F7 opens the accessible diff
// viewer) are taken over inside our editors: Alt+Up/Down step through modules, F7 goes to the next change.

import type { MutableRefObject } from 'react';
import type { editor, IDisposable } from 'monaco-editor/editor/editor.api';
import { monaco } from './setup';

export interface EditorKeyHandlers {
  save?: () => void;
  previousModule?: () => void;
  nextModule?: () => void;
  nextChange?: () => void;
  previousChange?: () => void;
}

export function bindEditorKeys(target: editor.IStandaloneCodeEditor, handlers: MutableRefObject<EditorKeyHandlers>): IDisposable {
  const { KeyMod, KeyCode } = monaco;
  const bindings: Array<[string, number, keyof EditorKeyHandlers]> = [
    ['fleet.save', KeyMod.CtrlCmd | KeyCode.KeyS, 'save'],
    ['fleet.previousModule', KeyMod.Alt | KeyCode.UpArrow, 'previousModule'],
    ['fleet.nextModule', KeyMod.Alt | KeyCode.DownArrow, 'nextModule'],
    ['fleet.nextChange', KeyCode.F7, 'nextChange'],
    ['fleet.previousChange', KeyMod.Shift | KeyCode.F7, 'previousChange'],
  ];
  const disposables = bindings.map(([id, keybinding, name]) =>
    target.addAction({
      id,
      label: id,
      keybindings: [keybinding],
      run: () => handlers.current[name]?.(),
    }),
  );
  return { dispose: () => disposables.forEach((d) => d.dispose()) };
}
