import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { safeRecord } from '../../src/shared/contract-kit';
import { checkPriceTable } from '../../src/shared/prices';
import { findPrototypeKey, prototypeKeyProblem } from '../../src/shared/prototype-keys';

describe('prototype keys', () => {
  it('finds __proto__, constructor and prototype at any depth, with the path to them', () => {
    expect(findPrototypeKey(JSON.parse('{"a": [{"b": 1}, {"c": {"__proto__": {}}}]}'))).toEqual(['a', 1, 'c', '__proto__']);
    expect(findPrototypeKey(JSON.parse('{"constructor": 1}'))).toEqual(['constructor']);
    expect(findPrototypeKey(JSON.parse('[[{"prototype": null}]]'))).toEqual([0, 0, 'prototype']);
    expect(findPrototypeKey(JSON.parse('{"a": {"b": "__proto__"}, "proto": 1, "Constructor": 2}'))).toBeNull();
    expect(prototypeKeyProblem(['prices', 'xai/grok-4', '__proto__'])).toBe('prices.xai/grok-4.__proto__: the key "__proto__" is not accepted (it names an object\'s prototype)');
  });

  it('walks a payload nested 100,000 deep without overflowing the stack', () => {
    const deep = JSON.parse(`${'{"a":'.repeat(100_000)}{"__proto__":1}${'}'.repeat(100_000)}`) as unknown;
    expect(findPrototypeKey(deep)).toHaveLength(100_001);
  });

  it('makes a record schema refuse the key zod would otherwise drop silently', () => {
    const input = JSON.parse('{"__proto__": {"input": 1}, "a/b": {"input": 2}}') as unknown;
    expect(Object.keys(z.record(z.string(), z.unknown()).parse(input))).toEqual(['a/b']); // the hole this closes
    const result = safeRecord(z.unknown()).safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['__proto__'], message: 'the key "__proto__" is not accepted (it names an object\'s prototype)' });
    expect(safeRecord(z.number()).parse({ a: 1 })).toEqual({ a: 1 });
  });

  it('refuses a price table read from .fleet/prices.json that holds one', () => {
    expect(checkPriceTable(JSON.parse('{"xai/x": {"input": 1, "output": 1, "constructor": 0}}'))).toEqual({
      ok: false,
      problems: ['xai/x.constructor: the key "constructor" is not accepted (it names an object\'s prototype)'],
    });
  });
});
