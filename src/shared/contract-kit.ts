// Building blocks shared by the contract's method tables (core, documents, remotes, agents).

import { z } from 'zod';
import { PROTOTYPE_KEYS } from './prototype-keys';

/** Phantom marker carrying an output or payload type; it has no runtime value. */
export function out<T>(): T {
  return undefined as unknown as T;
}

export const Empty = z.object({}).strict();

/**
 * A record whose keys may not name the prototype (`__proto__`, `constructor`, `prototype`): zod's own record
 * drops a `__proto__` key without a word, so the raw input is checked first and such a key is refused by name.
 */
export function safeRecord<V extends z.ZodType>(value: V) {
  return z
    .unknown()
    .superRefine((input, ctx) => {
      if (typeof input !== 'object' || input === null) return;
      for (const key of Object.keys(input)) {
        if (PROTOTYPE_KEYS.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: `the key "${key}" is not accepted (it names an object's prototype)` });
      }
    })
    .pipe(z.record(z.string(), value));
}
export const Oid = z.string().regex(/^[0-9a-f]{40}$/, 'must be a 40-character commit id');
