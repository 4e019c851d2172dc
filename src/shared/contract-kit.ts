// Building blocks shared by the contract's method tables (core, documents, remotes, agents).

import { z } from 'zod';

/** Phantom marker carrying an output or payload type; it has no runtime value. */
export function out<T>(): T {
  return undefined as unknown as T;
}

export const Empty = z.object({}).strict();
export const Oid = z.string().regex(/^[0-9a-f]{40}$/, 'must be a 40-character commit id');
