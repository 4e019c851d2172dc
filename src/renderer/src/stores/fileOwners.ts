// Which modules own the files the board filter names: path-like words of the filter text are asked of main
// (findFileOwners) a moment after typing stops, answers kept per word until the board reloads.

import { create } from 'zustand';
import type { FileOwners } from '../../../shared/types-scope';
import { api } from '../api';
import { pathWords, type FileOwnerIndex } from '../lib/filter';

const LOOKUP_DEBOUNCE_MS = 200;

interface FileOwnersStore {
  /** Answers per path word, for the board as last loaded. */
  answers: ReadonlyMap<string, FileOwners>;
  /** Path words asked and not answered yet. */
  pending: ReadonlySet<string>;
  /** The board load the answers belong to. */
  loadedAt: string | null;
  /** Asks for the path words of `text` soon; drops answers from an older board first. */
  lookup: (text: string, loadedAt: string | null) => void;
}

let timer: ReturnType<typeof setTimeout> | null = null;

export const useFileOwnersStore = create<FileOwnersStore>((set, get) => ({
  answers: new Map(),
  pending: new Set(),
  loadedAt: null,

  lookup: (text, loadedAt) => {
    if (get().loadedAt !== loadedAt) set({ answers: new Map(), pending: new Set(), loadedAt });
    const words = pathWords(text).filter((w) => !get().answers.has(w));
    if (timer) clearTimeout(timer);
    if (words.length === 0) return;
    set({ pending: new Set(words) });
    timer = setTimeout(() => {
      timer = null;
      for (const word of words) {
        api.findFileOwners({ query: word }).then(
          (answer) => {
            if (get().loadedAt !== loadedAt) return;
            const answers = new Map(get().answers).set(word, answer);
            const pending = new Set(get().pending);
            pending.delete(word);
            set({ answers, pending });
          },
          () => {
            // A failed lookup only means the filter matches titles, ids and patterns for that word.
            const pending = new Set(get().pending);
            pending.delete(word);
            set({ pending });
          },
        );
      }
    }, LOOKUP_DEBOUNCE_MS);
  },
}));

/** The answers as the filter uses them: path word -> ids of the modules owning matching files. */
export function ownerIndex(answers: ReadonlyMap<string, FileOwners>): FileOwnerIndex {
  return new Map([...answers].map(([word, answer]) => [word, new Set(answer.modules.map((m) => m.moduleId))]));
}
