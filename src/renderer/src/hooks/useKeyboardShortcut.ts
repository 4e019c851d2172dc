// Page-level single-key shortcuts ("/", "[", "]", Escape) that stay out of the way while the user types.

import { useEffect, useRef } from 'react';

/** True when a key press belongs to a text field, select or editor rather than to the page. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  // Monaco takes keys through an EditContext element (not contentEditable) or a hidden textarea.
  if (target.closest('.monaco-editor, [role="textbox"]')) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  return false;
}

/**
 * Calls `handler` for `key` pressed without Ctrl/Alt/Meta. Unless `whileTyping`, presses inside text fields
 * are ignored. The handler returns false to let the event through.
 */
export function useKeyboardShortcut(key: string, handler: (event: KeyboardEvent) => boolean | void, options: { whileTyping?: boolean; enabled?: boolean } = {}): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  const { whileTyping = false, enabled = true } = options;
  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(event: KeyboardEvent): void {
      if (event.key !== key || event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented || event.isComposing) return;
      if (!whileTyping && isTypingTarget(event.target)) return;
      if (ref.current(event) !== false) event.preventDefault();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [key, whileTyping, enabled]);
}
