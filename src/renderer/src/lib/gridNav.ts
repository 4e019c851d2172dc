// Arrow-key movement between cards laid out in rows (a CSS grid per group, groups stacked). Works from the
// cards' measured boxes, so it follows whatever the layout is at the current window width.

export interface CardBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export type GridKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown';

export const GRID_KEYS: readonly string[] = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'];

/** Rows: boxes whose vertical centres lie within half a box height of each other, top to bottom. */
export function rowsOf(boxes: readonly CardBox[]): number[][] {
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[a]!.top - boxes[b]!.top || boxes[a]!.left - boxes[b]!.left);
  const rows: number[][] = [];
  let rowTop = Number.NEGATIVE_INFINITY;
  for (const i of order) {
    const box = boxes[i]!;
    const last = rows[rows.length - 1];
    if (last && Math.abs(box.top - rowTop) < box.height / 2) last.push(i);
    else {
      rows.push([i]);
      rowTop = box.top;
    }
  }
  for (const row of rows) row.sort((a, b) => boxes[a]!.left - boxes[b]!.left);
  return rows;
}

function centreX(box: CardBox): number {
  return box.left + box.width / 2;
}

/**
 * The index to focus after `key` from `current`; `groupStarts` are the indices where groups begin (for
 * PageUp/PageDown). Left/right follow the visual (reading) order; up/down go to the nearest card in the
 * row above/below; Home/End go to the first/last card. Returns `current` when there is nowhere to go.
 */
export function nextCardIndex(boxes: readonly CardBox[], current: number, key: GridKey, groupStarts: readonly number[] = []): number {
  const count = boxes.length;
  if (count === 0) return -1;
  if (current < 0 || current >= count) return 0;
  switch (key) {
    case 'ArrowLeft':
      return Math.max(0, current - 1);
    case 'ArrowRight':
      return Math.min(count - 1, current + 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageUp': {
      const starts = groupStarts.filter((s) => s < current);
      return starts.length ? starts[starts.length - 1]! : 0;
    }
    case 'PageDown': {
      const next = groupStarts.find((s) => s > current);
      return next ?? current;
    }
    case 'ArrowUp':
    case 'ArrowDown': {
      const rows = rowsOf(boxes);
      const r = rows.findIndex((row) => row.includes(current));
      const target = rows[key === 'ArrowUp' ? r - 1 : r + 1];
      if (!target) return current;
      const x = centreX(boxes[current]!);
      let best = target[0]!;
      for (const i of target) if (Math.abs(centreX(boxes[i]!) - x) < Math.abs(centreX(boxes[best]!) - x)) best = i;
      return best;
    }
  }
}
