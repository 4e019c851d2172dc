// Key combinations written as text ("mod+s", "mod+shift+d", "alt+arrowup", "shift+f7", "mod+1"), matched
// against keyboard events. "mod" is Ctrl, or Cmd on a Mac (either is accepted everywhere).

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

interface Combo {
  mod: boolean;
  alt: boolean;
  shift: boolean;
  key: string;
}

function parse(combo: string): Combo {
  const parts = combo.toLowerCase().split('+');
  const key = parts.pop()!;
  return { mod: parts.includes('mod'), alt: parts.includes('alt'), shift: parts.includes('shift'), key };
}

/** The key an event stands for, independent of layout for digits and letters (Alt+1 on a Mac types "¡"). */
function eventKey(event: KeyLike): string {
  if (event.code && /^Digit[0-9]$/.test(event.code)) return event.code.slice(5);
  if (event.code && /^Key[A-Z]$/.test(event.code)) return event.code.slice(3).toLowerCase();
  return event.key.toLowerCase();
}

export function matchesCombo(event: KeyLike, combo: string): boolean {
  const c = parse(combo);
  const mod = event.ctrlKey || event.metaKey;
  return mod === c.mod && event.altKey === c.alt && event.shiftKey === c.shift && eventKey(event) === c.key;
}

const globalPlatform = (globalThis as { navigator?: { platform?: string } }).navigator?.platform ?? '';

export function isMac(platform: string = globalPlatform): boolean {
  return /Mac|iPhone|iPad/.test(platform);
}

/** A combo as people read it: "Ctrl+Shift+D", or "⌘⇧D" on a Mac. */
export function displayCombo(combo: string, mac: boolean = isMac()): string {
  const c = parse(combo);
  const names: Record<string, string> = { arrowup: '↑', arrowdown: '↓', escape: 'Esc', enter: 'Enter' };
  const key = names[c.key] ?? (c.key.length === 1 ? c.key.toUpperCase() : c.key.toUpperCase());
  if (mac) return `${c.mod ? '⌘' : ''}${c.alt ? '⌥' : ''}${c.shift ? '⇧' : ''}${key}`;
  return [c.mod && 'Ctrl', c.alt && 'Alt', c.shift && 'Shift', key].filter(Boolean).join('+');
}
