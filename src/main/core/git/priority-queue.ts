// A binary max-heap keyed by (rank, priority): the history walk pops the highest generation, then the newest commit.

interface Slot<T> {
  item: T;
  rank: number;
  priority: number;
  order: number;
}

/** Pops the item with the highest rank, then the highest priority; among equals, the one pushed first. */
export class MaxPriorityQueue<T> {
  private readonly heap: Slot<T>[] = [];
  private pushed = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Adds `item` with `rank` (compared first) and `priority`. */
  push(item: T, rank: number, priority: number): void {
    this.heap.push({ item, rank, priority, order: this.pushed++ });
    let child = this.heap.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.before(child, parent)) break;
      this.swap(child, parent);
      child = parent;
    }
  }

  /** The rank and priority of the item pop() would return, or null when empty. */
  peek(): { rank: number; priority: number } | null {
    const top = this.heap[0];
    return top ? { rank: top.rank, priority: top.priority } : null;
  }

  /** Removes and returns the first item, or undefined when empty. */
  pop(): T | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (!top || !last) return undefined;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      let parent = 0;
      for (;;) {
        const left = 2 * parent + 1;
        const right = left + 1;
        let first = parent;
        if (left < this.heap.length && this.before(left, first)) first = left;
        if (right < this.heap.length && this.before(right, first)) first = right;
        if (first === parent) break;
        this.swap(first, parent);
        parent = first;
      }
    }
    return top.item;
  }

  private before(a: number, b: number): boolean {
    const x = this.heap[a]!;
    const y = this.heap[b]!;
    if (x.rank !== y.rank) return x.rank > y.rank;
    return x.priority > y.priority || (x.priority === y.priority && x.order < y.order);
  }

  private swap(a: number, b: number): void {
    const held = this.heap[a]!;
    this.heap[a] = this.heap[b]!;
    this.heap[b] = held;
  }
}
