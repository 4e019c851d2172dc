// Board filtering: free text over title, id and patterns, plus a phase and a document-state condition.

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

function matchesText(card: ModuleCard, words: string[]): boolean {
  if (words.length === 0) return true;
  const haystack = [card.title, card.id, ...card.patterns].map((s) => s.toLowerCase());
  return words.every((word) => haystack.some((h) => h.includes(word)));
}

function matchesDocState(card: ModuleCard, docState: DocStateFilter): boolean {
  if (docState === 'any') return true;
  if (docState === 'all-approved') return card.docs.length > 0 && card.docs.every((d) => d.state === 'approved');
  return card.docs.some((d) => d.state === docState);
}

/** The cards that pass the filter, in their original order. Every word of the text must match somewhere. */
export function filterModules(cards: readonly ModuleCard[], filter: BoardFilter): ModuleCard[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return cards.filter(
    (card) =>
      (filter.phase === 'any' || card.phase === filter.phase) && matchesDocState(card, filter.docState) && matchesText(card, words),
  );
}
