// Every keyboard shortcut the app offers, grouped as the shortcuts sheet shows them. Labels are i18n keys.

export interface ShortcutEntry {
  /** Alternative combos for the same action, in lib/hotkeys notation or a plain key. */
  combos: string[];
  label: string;
}

export interface ShortcutSection {
  title: string;
  entries: ShortcutEntry[];
}

export const EDITOR_HOTKEYS = {
  save: 'mod+s',
  togglePair: 'mod+shift+d',
  togglePreview: 'mod+shift+p',
  nextChange: 'f7',
  previousChange: 'shift+f7',
  previousModule: 'alt+arrowup',
  nextModule: 'alt+arrowdown',
} as const;

/** Ctrl/Cmd+1..5 pick a document; browsers keep Ctrl+1..8 for their tabs, so Alt+1..5 works too. */
export const DOC_SWITCH_COMBOS = [1, 2, 3, 4, 5].flatMap((n) => [`mod+${n}`, `alt+${n}`]);

export const SHORTCUT_SECTIONS: ShortcutSection[] = [
  {
    title: 'shortcuts.general',
    entries: [
      { combos: ['?'], label: 'shortcuts.showSheet' },
      { combos: ['/'], label: 'shortcuts.filter' },
      { combos: ['escape'], label: 'shortcuts.back' },
      { combos: ['m'], label: 'merges.shortcut' },
      { combos: ['d'], label: 'deploy.shortcut' },
    ],
  },
  {
    title: 'shortcuts.board',
    entries: [
      { combos: ['arrowup', 'arrowdown'], label: 'shortcuts.moveCards' },
      { combos: ['enter'], label: 'shortcuts.openModule' },
    ],
  },
  {
    title: 'shortcuts.module',
    entries: [
      { combos: ['[', ']'], label: 'shortcuts.stepModules' },
      { combos: [EDITOR_HOTKEYS.previousModule, EDITOR_HOTKEYS.nextModule], label: 'shortcuts.stepModulesInEditor' },
      { combos: ['mod+1…5', 'alt+1…5'], label: 'shortcuts.switchDoc' },
      { combos: ['i'], label: 'implement.shortcuts.implement' },
      { combos: ['c'], label: 'implement.shortcuts.changes' },
    ],
  },
  {
    title: 'shortcuts.editor',
    entries: [
      { combos: [EDITOR_HOTKEYS.save], label: 'shortcuts.save' },
      { combos: [EDITOR_HOTKEYS.togglePreview], label: 'shortcuts.togglePreview' },
      { combos: [EDITOR_HOTKEYS.togglePair], label: 'shortcuts.togglePair' },
      { combos: [EDITOR_HOTKEYS.nextChange, EDITOR_HOTKEYS.previousChange], label: 'shortcuts.changes' },
      { combos: ['mod+f'], label: 'shortcuts.find' },
      { combos: ['mod+m'], label: 'shortcuts.tabFocus' },
      { combos: [EDITOR_HOTKEYS.save], label: 'implement.shortcuts.saveReview' },
    ],
  },
];
