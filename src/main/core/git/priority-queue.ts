// A binary max-heap: the history walk pops the newest commit first, ties in insertion order (as git's prio_queue).

interface Slot<T> {
  item: T;
  priority: number;
  order: number;
}

/** Pops the item with the highest priority; among equal priorities, the one pushed first. */
export class MaxPriorityQueue<T> {
  private readonly heap: Slot<T>[] = [];
  private pushed = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Adds `item` with `priority`. */
  push(item: T, priority: number): void {
    this.heap.push({ item, priority, order: this.pushed++ });
    let child = this.heap.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.before(child, parent)) break;
      this.swap(child, parent);
      child = parent;
    }
  }

  /** The priority of the item pop() would return, or -Infinity when empty. */
  peekPriority(): number {
    return this.heap[0]?.priority ?? -Infinity;
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
    return x.priority > y.priority || (x.priority === y.priority && x.order < y.order);
  }

  private swap(a: number, b: number): void {
    const held = this.heap[a]!;
    this.heap[a] = this.heap[b]!;
    this.heap[b] = held;
  }
}
