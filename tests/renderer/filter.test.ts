import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, filterModules, isFilterActive, pathWords } from '../../src/renderer/src/lib/filter';
import { catalogCards, makeCard } from './cards';

const ids = (cards: { id: string }[]) => cards.map((c) => c.id);

describe('board filter', () => {
  it('keeps all 32 modules in catalog order when nothing is filtered', () => {
    const cards = catalogCards();
    expect(filterModules(cards, EMPTY_FILTER)).toHaveLength(32);
    expect(ids(filterModules(cards, EMPTY_FILTER))).toEqual(ids(cards));
    expect(isFilterActive(EMPTY_FILTER)).toBe(false);
  });

  it('matches the title, the id and the path patterns, ignoring case', () => {
    const cards = catalogCards();
    expect(ids(filterModules(cards, { ...EMPTY_FILTER, text: 'FLEET hub' }))).toEqual(['fleet-hub']);
    expect(ids(filterModules(cards, { ...EMPTY_FILTER, text: 'ai-' }))).toEqual(['ai-insights', 'ai-dispatch', 'ai-task-priority', 'ai-chat']);
    // "vendor" appears only in procurement-hub's patterns, not in any title or id.
    expect(ids(filterModules(cards, { ...EMPTY_FILTER, text: 'vendor' }))).toEqual(['procurement-hub']);
  });

  it('requires every word to match somewhere', () => {
    const cards = catalogCards();
    expect(ids(filterModules(cards, { ...EMPTY_FILTER, text: 'hub safety' }))).toEqual(['safety-hub']);
    expect(filterModules(cards, { ...EMPTY_FILTER, text: 'safety nonsense' })).toEqual([]);
  });

  it('filters by phase', () => {
    const cards = [makeCard('fleet-hub', { phase: 'design' }), makeCard('drivers-hub'), makeCard('webhooks', { phase: 'design' })];
    expect(ids(filterModules(cards, { ...EMPTY_FILTER, phase: 'design' }))).toEqual(['fleet-hub', 'webhooks']);
  });

  it('filters by a document state present in at least one document, or all approved', () => {
    const cards = [
      makeCard('fleet-hub', { states: ['written', 'template', 'template', 'template', 'template'] }),
      makeCard('drivers-hub', { states: ['approved', 'approved', 'approved', 'approved', 'approved'] }),
      makeCard('webhooks', { states: ['missing', 'missing', 'missing', 'missing', 'missing'] }),
    ];
    expect(ids(filterModules(cards, { ...EMPTY_FILTER, docState: 'written' }))).toEqual(['fleet-hub']);
    expect(ids(filterModules(cards, { ...EMPTY_FILTER, docState: 'missing' }))).toEqual(['webhooks']);
    expect(ids(filterModules(cards, { ...EMPTY_FILTER, docState: 'all-approved' }))).toEqual(['drivers-hub']);
    expect(isFilterActive({ ...EMPTY_FILTER, docState: 'approved' })).toBe(true);
  });
});

describe('board filter over file paths', () => {
  it('treats words with a "/" or "." as paths, once each', () => {
    expect(pathWords('src/components/ fleet FleetPage.tsx src/components/ a.')).toEqual(['src/components/', 'FleetPage.tsx', 'a.']);
    expect(pathWords('fleet hub')).toEqual([]);
  });

  it('shows the modules owning files under a path, even when no title, id or pattern holds it', () => {
    const cards = catalogCards();
    const filter = { ...EMPTY_FILTER, text: 'src/components/drivers' };
    expect(filterModules(cards, filter)).toEqual([]);
    const owners = new Map([['src/components/drivers', new Set(['drivers-hub', 'fleet-hub'])]]);
    expect(ids(filterModules(cards, filter, owners))).toEqual(['fleet-hub', 'drivers-hub']);
    // Every word must still match: the path and a title word together narrow it down.
    expect(ids(filterModules(cards, { ...filter, text: 'src/components/drivers driver' }, owners))).toEqual(['drivers-hub']);
  });
});
