import { describe, expect, it } from 'vitest';
import { displayCombo, isMac, matchesCombo, type KeyLike } from '../../src/renderer/src/lib/hotkeys';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('key combinations', () => {
  it('accepts Ctrl or Cmd for "mod", and nothing else', () => {
    expect(matchesCombo(key('s', { ctrlKey: true, code: 'KeyS' }), 'mod+s')).toBe(true);
    expect(matchesCombo(key('s', { metaKey: true, code: 'KeyS' }), 'mod+s')).toBe(true);
    expect(matchesCombo(key('s', { code: 'KeyS' }), 'mod+s')).toBe(false);
    expect(matchesCombo(key('s', { ctrlKey: true, altKey: true, code: 'KeyS' }), 'mod+s')).toBe(false);
  });

  it('matches shifted letters by their key, not by the character they type', () => {
    expect(matchesCombo(key('D', { ctrlKey: true, shiftKey: true, code: 'KeyD' }), 'mod+shift+d')).toBe(true);
    expect(matchesCombo(key('d', { ctrlKey: true, code: 'KeyD' }), 'mod+shift+d')).toBe(false);
  });

  it('matches Alt+digit by the physical key (Alt+1 types "¡" on a Mac)', () => {
    expect(matchesCombo(key('¡', { altKey: true, code: 'Digit1' }), 'alt+1')).toBe(true);
    expect(matchesCombo(key('3', { ctrlKey: true, code: 'Digit3' }), 'mod+3')).toBe(true);
  });

  it('matches function and arrow keys', () => {
    expect(matchesCombo(key('F7', { code: 'F7' }), 'f7')).toBe(true);
    expect(matchesCombo(key('F7', { shiftKey: true, code: 'F7' }), 'f7')).toBe(false);
    expect(matchesCombo(key('F7', { shiftKey: true, code: 'F7' }), 'shift+f7')).toBe(true);
    expect(matchesCombo(key('ArrowDown', { altKey: true, code: 'ArrowDown' }), 'alt+arrowdown')).toBe(true);
  });

  it('shows combos as people read them, on a Mac and elsewhere', () => {
    expect(displayCombo('mod+shift+d', false)).toBe('Ctrl+Shift+D');
    expect(displayCombo('mod+shift+d', true)).toBe('⌘⇧D');
    expect(displayCombo('alt+arrowup', false)).toBe('Alt+↑');
    expect(displayCombo('shift+f7', false)).toBe('Shift+F7');
    expect(isMac('MacIntel')).toBe(true);
    expect(isMac('Linux x86_64')).toBe(false);
  });
});
