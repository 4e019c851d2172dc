// How the user likes to edit, kept in localStorage: preview beside the editor or alone, diffs inline or
// side by side, and whether Ctrl/Cmd+S commits straight away with the default message.

import { create } from 'zustand';

export type PreviewMode = 'split' | 'editor' | 'preview';

const KEY = 'fleet-control.editor';
const PREVIEW_ORDER: PreviewMode[] = ['split', 'editor', 'preview'];

interface Saved {
  previewMode: PreviewMode;
  diffInline: boolean;
  quickCommit: boolean;
}

interface EditorPrefsStore extends Saved {
  setPreviewMode: (mode: PreviewMode) => void;
  cyclePreviewMode: () => void;
  setDiffInline: (inline: boolean) => void;
  setQuickCommit: (quick: boolean) => void;
}

function load(): Saved {
  const fallback: Saved = { previewMode: 'split', diffInline: false, quickCommit: false };
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Saved>;
    return {
      previewMode: PREVIEW_ORDER.includes(raw.previewMode as PreviewMode) ? (raw.previewMode as PreviewMode) : fallback.previewMode,
      diffInline: raw.diffInline === true,
      quickCommit: raw.quickCommit === true,
    };
  } catch {
    return fallback;
  }
}

export const useEditorPrefsStore = create<EditorPrefsStore>((set, get) => {
  const update = (change: Partial<Saved>) => {
    set(change);
    const { previewMode, diffInline, quickCommit } = get();
    try {
      localStorage.setItem(KEY, JSON.stringify({ previewMode, diffInline, quickCommit }));
    } catch {
      // Storage unavailable: the choice holds for this session.
    }
  };
  return {
    ...load(),
    setPreviewMode: (previewMode) => update({ previewMode }),
    cyclePreviewMode: () => update({ previewMode: PREVIEW_ORDER[(PREVIEW_ORDER.indexOf(get().previewMode) + 1) % PREVIEW_ORDER.length]! }),
    setDiffInline: (diffInline) => update({ diffInline }),
    setQuickCommit: (quickCommit) => update({ quickCommit }),
  };
});
