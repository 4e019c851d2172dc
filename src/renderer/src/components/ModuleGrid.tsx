// All groups of cards as one keyboard grid: a single tab stop (roving tabindex), arrow keys move by the
// cards' on-screen positions, Home/End jump to the ends, PageUp/PageDown between groups, Space opens.

import { useEffect, useRef } from 'react';
import { GRID_KEYS, nextCardIndex, type GridKey } from '../lib/gridNav';
import type { CardGroup } from '../lib/grouping';
import { useBoardStore } from '../stores/board';
import { ModuleGroup } from './ModuleGroup';

interface Props {
  groups: CardGroup[];
}

const CARD_SELECTOR = '[data-testid="module-card"]';

export function ModuleGrid({ groups }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const activeId = useBoardStore((s) => s.activeId);
  const setActive = useBoardStore((s) => s.setActive);
  const ids = groups.flatMap((g) => g.cards.map((c) => c.id));
  const tabStop = activeId && ids.includes(activeId) ? activeId : (ids[0] ?? null);

  // Back from a module page: put focus on the card that was opened, so the user keeps their place.
  useEffect(() => {
    const id = useBoardStore.getState().activeId;
    const returning = document.activeElement === document.body || document.activeElement?.id === 'main';
    if (id && returning) container.current?.querySelector<HTMLElement>(`${CARD_SELECTOR}[data-module-id="${id}"]`)?.focus();
  }, []);

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    if (!GRID_KEYS.includes(event.key) || event.altKey || event.metaKey || event.shiftKey) return;
    const target = event.target as HTMLElement;
    if (!target.matches(CARD_SELECTOR)) return;
    const cards = Array.from(container.current?.querySelectorAll<HTMLElement>(CARD_SELECTOR) ?? []);
    const boxes = cards.map((c) => c.getBoundingClientRect());
    const groupStarts: number[] = [];
    let index = 0;
    for (const g of groups) {
      groupStarts.push(index);
      index += g.cards.length;
    }
    const next = nextCardIndex(boxes, cards.indexOf(target), event.key as GridKey, groupStarts);
    const card = cards[next];
    event.preventDefault();
    if (card && card !== target) {
      card.focus();
      card.scrollIntoView({ block: 'nearest' });
    }
  }

  function onFocus(event: React.FocusEvent<HTMLDivElement>) {
    const id = (event.target as HTMLElement).closest<HTMLElement>(CARD_SELECTOR)?.dataset.moduleId;
    if (id && id !== activeId) setActive(id);
  }

  return (
    <div className="module-grid" ref={container} onKeyDown={onKeyDown} onFocus={onFocus}>
      {groups.map((group) => (
        <ModuleGroup key={group.id} group={group} tabStop={tabStop} />
      ))}
    </div>
  );
}
