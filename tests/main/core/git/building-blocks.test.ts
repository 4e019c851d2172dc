// The small parts under the object layer: delta application, byte-bounded caches, the walk's priority queue.

import { describe, expect, it } from 'vitest';
import { applyDelta } from '../../../../src/main/core/git/delta';
import { ByteLruCache, LoadingCache } from '../../../../src/main/core/git/byte-lru-cache';
import { MaxPriorityQueue } from '../../../../src/main/core/git/priority-queue';

/** Little-endian base-128, as delta headers store sizes. */
function size(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    bytes.push(byte);
  } while (value > 0);
  return bytes;
}

describe('applyDelta', () => {
  it('rebuilds a target from copies of the base and inserted bytes', () => {
    const base = Buffer.from('The fleet hub lists vehicles.');
    const insert = Buffer.from('drivers');
    // copy "The fleet hub lists " (offset 0, 20 bytes), insert "drivers", copy "." (offset 28, 1 byte)
    const delta = Buffer.from([...size(base.length), ...size(28), 0x90, 20, insert.length, ...insert, 0x91, 28, 1]);
    expect(applyDelta(base, delta).toString()).toBe('The fleet hub lists drivers.');
  });

  it('reads a copy of size 0 as 65536 bytes, as git defines it', () => {
    const base = Buffer.alloc(70_000, 7);
    const delta = Buffer.from([...size(base.length), ...size(65_536), 0x80]);
    expect(applyDelta(base, delta).equals(Buffer.alloc(65_536, 7))).toBe(true);
  });

  it('reports damage as GIT_CORRUPT instead of reading outside the base', () => {
    const base = Buffer.from('short');
    const outside = Buffer.from([...size(5), ...size(10), 0x91, 2, 10]);
    expect(() => applyDelta(base, outside)).toThrow(expect.objectContaining({ code: 'GIT_CORRUPT' }));
    const wrongBase = Buffer.from([...size(6), ...size(1), 0x01, 0x41]);
    expect(() => applyDelta(base, wrongBase)).toThrow(expect.objectContaining({ code: 'GIT_CORRUPT' }));
    const tooShort = Buffer.from([...size(5), ...size(9), 0x90, 5]);
    expect(() => applyDelta(base, tooShort)).toThrow(expect.objectContaining({ code: 'GIT_CORRUPT' }));
  });
});

describe('caches', () => {
  it('keeps at most its byte budget, dropping the least recently used first', () => {
    const cache = new ByteLruCache<string>(100, 60);
    cache.set('a', 'A', 40);
    cache.set('b', 'B', 40);
    expect(cache.get('a')).toBe('A');
    cache.set('c', 'C', 40);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
    expect(cache.size).toBeLessThanOrEqual(100);
    cache.set('huge', 'H', 61);
    expect(cache.get('huge')).toBeUndefined();
  });

  it('loads a value once for concurrent callers and does not keep a failed load', async () => {
    const cache = new LoadingCache<string>(1000, () => 10);
    let loads = 0;
    const load = async () => {
      loads++;
      return 'value';
    };
    expect(await Promise.all([cache.get('k', load), cache.get('k', load)])).toEqual(['value', 'value']);
    expect(loads).toBe(1);
    await expect(cache.get('bad', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await cache.get('bad', load)).toBe('value');
  });
});

describe('MaxPriorityQueue', () => {
  it('pops by rank, then priority, then the order items were pushed', () => {
    const queue = new MaxPriorityQueue<string>();
    queue.push('old', 1, 100);
    queue.push('new', 1, 300);
    queue.push('tie-first', 1, 200);
    queue.push('tie-second', 1, 200);
    queue.push('higher-rank', 2, 0);
    const order: string[] = [];
    while (queue.size) order.push(queue.pop()!);
    expect(order).toEqual(['higher-rank', 'new', 'tie-first', 'tie-second', 'old']);
  });
});
