import { describe, expect, it } from 'vitest';
import { nextCardIndex, rowsOf, type CardBox } from '../../src/renderer/src/lib/gridNav';

// Two groups as the board lays them out: 5 cards (3 + 2 per row), then 4 cards (3 + 1).
function layout(): CardBox[] {
  const box = (col: number, top: number): CardBox => ({ left: col * 110, top, width: 100, height: 80 });
  return [box(0, 0), box(1, 0), box(2, 0), box(0, 90), box(1, 90), box(0, 230), box(1, 230), box(2, 230), box(0, 320)];
}

describe('keyboard movement between cards', () => {
  it('finds rows from the boxes, across groups', () => {
    expect(rowsOf(layout())).toEqual([[0, 1, 2], [3, 4], [5, 6, 7], [8]]);
  });

  it('moves left and right in reading order, across row and group ends', () => {
    expect(nextCardIndex(layout(), 2, 'ArrowRight')).toBe(3);
    expect(nextCardIndex(layout(), 4, 'ArrowRight')).toBe(5);
    expect(nextCardIndex(layout(), 3, 'ArrowLeft')).toBe(2);
    expect(nextCardIndex(layout(), 0, 'ArrowLeft')).toBe(0);
    expect(nextCardIndex(layout(), 8, 'ArrowRight')).toBe(8);
  });

  it('moves up and down to the nearest card of the next row, also into the next group', () => {
    expect(nextCardIndex(layout(), 1, 'ArrowDown')).toBe(4);
    expect(nextCardIndex(layout(), 2, 'ArrowDown')).toBe(4); // no third column below: nearest
    expect(nextCardIndex(layout(), 4, 'ArrowDown')).toBe(6);
    expect(nextCardIndex(layout(), 7, 'ArrowUp')).toBe(4);
    expect(nextCardIndex(layout(), 0, 'ArrowUp')).toBe(0);
    expect(nextCardIndex(layout(), 8, 'ArrowDown')).toBe(8);
  });

  it('jumps to the first and last card with Home and End, and between groups with PageUp/PageDown', () => {
    expect(nextCardIndex(layout(), 6, 'Home')).toBe(0);
    expect(nextCardIndex(layout(), 1, 'End')).toBe(8);
    expect(nextCardIndex(layout(), 1, 'PageDown', [0, 5])).toBe(5);
    expect(nextCardIndex(layout(), 7, 'PageUp', [0, 5])).toBe(5);
    expect(nextCardIndex(layout(), 5, 'PageUp', [0, 5])).toBe(0);
  });

  it('starts at the first card when nothing is focused and reports -1 for an empty board', () => {
    expect(nextCardIndex(layout(), -1, 'ArrowDown')).toBe(0);
    expect(nextCardIndex([], 0, 'ArrowDown')).toBe(-1);
  });
});
