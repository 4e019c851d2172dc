// Object ids: validation and the few well-known ids git treats specially.

import { FleetError } from '../../../shared/errors';

/** The id git writes in reflogs for "no value" (a ref created or deleted). */
export const ZERO_OID = '0000000000000000000000000000000000000000';

/** The empty tree: git treats it as present even when no object file holds it. */
export const EMPTY_TREE_OID = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

const OID_PATTERN = /^[0-9a-f]{40}$/;

/** True for a full, lower-case, 40-digit SHA-1 object id. */
export function isOid(value: string): boolean {
  return OID_PATTERN.test(value);
}

/** Returns `value` when it is a full object id, else throws INVALID_INPUT naming what was expected. */
export function requireOid(value: string, what = 'object id'): string {
  if (typeof value !== 'string' || !isOid(value)) {
    throw new FleetError('INVALID_INPUT', `"${String(value)}" is not a valid ${what}: expected 40 hexadecimal digits.`, { value });
  }
  return value;
}
