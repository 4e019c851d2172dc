// Sizes the module page to the window: sets --fill-height (from the element's top to the window's bottom),
// --editor-height (from the first editor frame's top to the window's bottom) and --sticky-top (below the sticky
// app header) on the element, so the document editor ends at the bottom edge whatever the header, toolbar and
// notices above it take, and a sticky side panel stays clear of the header.

import { useLayoutEffect, type RefObject } from 'react';

const MIN_FILL = 480;
const MIN_EDITOR = 360;
const BOTTOM_GAP = 8;

/** Keeps the two variables current (`mounted` says the element is on the page now) as the window, the page above the editor, or the view inside it change. */
export function useViewportFill(ref: RefObject<HTMLElement | null>, frameSelector: string, mounted: boolean): void {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      const pageTop = (node: Element) => node.getBoundingClientRect().top + window.scrollY;
      const bottom = window.innerHeight - BOTTOM_GAP;
      element.style.setProperty('--fill-height', `${Math.max(MIN_FILL, Math.round(bottom - pageTop(element)))}px`);
      const header = document.querySelector('.app-header');
      element.style.setProperty('--sticky-top', `${Math.round((header?.getBoundingClientRect().height ?? 0) + BOTTOM_GAP)}px`);
      const editor = element.querySelector(frameSelector);
      if (editor) element.style.setProperty('--editor-height', `${Math.max(MIN_EDITOR, Math.round(bottom - pageTop(editor)))}px`);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    measure();
    // A column's height changes when anything above the editor grows or shrinks (a notice, a wrapped toolbar)
    // or the editor first appears; the body's when the header above the page wraps.
    const observer = new ResizeObserver(schedule);
    observer.observe(element);
    for (const child of Array.from(element.children)) observer.observe(child);
    observer.observe(document.body);
    window.addEventListener('resize', schedule);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [ref, frameSelector, mounted]);
}
