// The board as the user sees it right now: filtered, grouped, and in visual order (derived, never stored).

import { useEffect, useMemo } from 'react';
import { filterModules, isFilterActive } from '../lib/filter';
import { groupModules, visualOrder, type CardGroup } from '../lib/grouping';
import { useBoardStore } from '../stores/board';
import { ownerIndex, useFileOwnersStore } from '../stores/fileOwners';
import { useSettingsStore } from '../stores/settings';

export interface BoardView {
  groups: CardGroup[];
  order: string[];
  total: number;
  visible: number;
  filtering: boolean;
}

export function useBoardView(): BoardView | null {
  const board = useBoardStore((s) => s.board);
  const filter = useBoardStore((s) => s.filter);
  const groupBy = useSettingsStore((s) => s.groupBy);
  const answers = useFileOwnersStore((s) => s.answers);
  const owners = useMemo(() => ownerIndex(answers), [answers]);
  const loadedAt = board?.loadedAt ?? null;
  useEffect(() => useFileOwnersStore.getState().lookup(filter.text, loadedAt), [filter.text, loadedAt]);
  return useMemo(() => {
    if (!board) return null;
    const filtering = isFilterActive(filter);
    const cards = filterModules(board.modules, filter, owners);
    const all = groupModules(cards, board.categories, groupBy);
    const groups = filtering ? all.filter((g) => g.cards.length > 0) : all;
    return { groups, order: visualOrder(groups), total: board.modules.length, visible: cards.length, filtering };
  }, [board, filter, groupBy, owners]);
}

/** The module ids in board order for previous/next: the filtered order if it holds `moduleId`, else all. */
export function useNavigationOrder(moduleId: string): string[] {
  const board = useBoardStore((s) => s.board);
  const view = useBoardView();
  const groupBy = useSettingsStore((s) => s.groupBy);
  return useMemo(() => {
    if (view?.order.includes(moduleId)) return view.order;
    if (!board) return [];
    return visualOrder(groupModules(board.modules, board.categories, groupBy));
  }, [board, view, groupBy, moduleId]);
}
