// Splits the board's cards into the sections the user sees: by category (catalog order) or by phase.

import { PHASES } from '../../../shared/documents';
import type { CategoryDef } from '../../../shared/manifest';
import type { ModuleCard } from '../../../shared/types';

export type GroupBy = 'category' | 'phase';

export interface CardGroup {
  /** Category id or phase; '__other' for cards whose category the catalog does not list. */
  id: string;
  kind: 'category' | 'phase' | 'other';
  /** Category title; phases and 'other' are translated by the caller from the kind and id. */
  title: string;
  cards: ModuleCard[];
}

export const OTHER_GROUP = '__other';

export function groupModules(cards: readonly ModuleCard[], categories: readonly CategoryDef[], groupBy: GroupBy): CardGroup[] {
  const groups: CardGroup[] =
    groupBy === 'category'
      ? categories.map((c) => ({ id: c.id, kind: 'category' as const, title: c.title, cards: [] }))
      : PHASES.map((p) => ({ id: p, kind: 'phase' as const, title: p, cards: [] }));
  const byId = new Map(groups.map((g) => [g.id, g]));
  let other: CardGroup | undefined;
  for (const card of cards) {
    const key = groupBy === 'category' ? card.category : card.phase;
    let group = byId.get(key);
    if (!group) {
      other ??= { id: OTHER_GROUP, kind: 'other', title: OTHER_GROUP, cards: [] };
      group = other;
    }
    group.cards.push(card);
  }
  return other ? [...groups, other] : groups;
}

/** Module ids in the order the board shows them. */
export function visualOrder(groups: readonly CardGroup[]): string[] {
  return groups.flatMap((g) => g.cards.map((c) => c.id));
}
