// Board filtering: free text over title, id and patterns, plus a phase and a document-state condition. A word that
// looks like a path (it holds "/" or ".") also matches the modules owning files whose path contains it.

import type { DocState, Phase } from '../../../shared/documents';
import type { ModuleCard } from '../../../shared/types';

/** 'any' = no condition; a DocState = at least one document in that state; 'all-approved' = all five approved. */
export type DocStateFilter = 'any' | DocState | 'all-approved';
export type PhaseFilter = 'any' | Phase;

export interface BoardFilter {
  text: string;
  phase: PhaseFilter;
  docState: DocStateFilter;
}

export const EMPTY_FILTER: BoardFilter = { text: '', phase: 'any', docState: 'any' };

export function isFilterActive(filter: BoardFilter): boolean {
  return filter.text.trim() !== '' || filter.phase !== 'any' || filter.docState !== 'any';
}

/** The module ids owning files under each path word, as main answered (findFileOwners); absent while unknown. */
export type FileOwnerIndex = ReadonlyMap<string, ReadonlySet<string>>;

/** The words of the filter text as typed. */
export function filterWords(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** Words that may name files: they hold a "/" or a "." ("src/components/", "FleetPage.tsx"). */
export function pathWords(text: string): string[] {
  return [...new Set(filterWords(text).filter((w) => w.length >= 2 && /[/.]/.test(w)))];
}

function matchesText(card: ModuleCard, words: string[], owners: FileOwnerIndex): boolean {
  if (words.length === 0) return true;
  const haystack = [card.title, card.id, ...card.patterns].map((s) => s.toLowerCase());
  return words.every((word) => {
    const lower = word.toLowerCase();
    return haystack.some((h) => h.includes(lower)) || owners.get(word)?.has(card.id) === true;
  });
}

function matchesDocState(card: ModuleCard, docState: DocStateFilter): boolean {
  if (docState === 'any') return true;
  if (docState === 'all-approved') return card.docs.length > 0 && card.docs.every((d) => d.state === 'approved');
  return card.docs.some((d) => d.state === docState);
}

/** The cards that pass the filter, in their original order. Every word of the text must match somewhere. */
export function filterModules(cards: readonly ModuleCard[], filter: BoardFilter, owners: FileOwnerIndex = new Map()): ModuleCard[] {
  const words = filterWords(filter.text);
  return cards.filter(
    (card) =>
      (filter.phase === 'any' || card.phase === filter.phase) && matchesDocState(card, filter.docState) && matchesText(card, words, owners),
  );
}
