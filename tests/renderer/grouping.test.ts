import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES } from '../../src/shared/catalog';
import { groupModules, OTHER_GROUP, visualOrder } from '../../src/renderer/src/lib/grouping';
import { catalogCards, makeCard } from './cards';

describe('board grouping', () => {
  it('puts the 32 default modules into the 6 categories in catalog order', () => {
    const groups = groupModules(catalogCards(), DEFAULT_CATEGORIES, 'category');
    expect(groups.map((g) => [g.title, g.cards.length])).toEqual([
      ['Core business', 10],
      ['Operational', 5],
      ['Administrative', 5],
      ['AI & automation', 4],
      ['Security', 4],
      ['Mobile & integration', 4],
    ]);
  });

  it('groups by the six phases, keeping empty phases', () => {
    const cards = [makeCard('fleet-hub', { phase: 'testing' }), makeCard('drivers-hub'), makeCard('webhooks', { phase: 'merged' })];
    const groups = groupModules(cards, DEFAULT_CATEGORIES, 'phase');
    expect(groups.map((g) => g.id)).toEqual(['analysis', 'design', 'implementation', 'testing', 'ready', 'merged']);
    expect(visualOrder(groups)).toEqual(['drivers-hub', 'fleet-hub', 'webhooks']);
  });

  it('collects modules of an unknown category in a trailing "other" group', () => {
    const cards = [makeCard('fleet-hub'), makeCard('custom', { category: 'experimental' })];
    const groups = groupModules(cards, DEFAULT_CATEGORIES, 'category');
    expect(groups.at(-1)?.id).toBe(OTHER_GROUP);
    expect(groups.at(-1)?.cards.map((c) => c.id)).toEqual(['custom']);
  });
});
