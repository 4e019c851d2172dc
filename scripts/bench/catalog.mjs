// The default catalog's module ids and document file names, read from the app's TypeScript sources so the
// bench and the app agree on what a board holds.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The 32 module ids of src/shared/catalog.ts DEFAULT_MODULES, in order. */
export function defaultModuleIds(root) {
  const text = readFileSync(join(root, 'src/shared/catalog.ts'), 'utf8');
  const ids = [...text.matchAll(/^\s*mod\('([a-z0-9-]+)'/gm)].map((m) => m[1]);
  if (ids.length === 0) throw new Error('no modules found in src/shared/catalog.ts (has DEFAULT_MODULES changed shape?)');
  return ids;
}

/** The five document file names of src/shared/documents.ts DOC_FILE_NAMES. */
export function docFileNames(root) {
  const text = readFileSync(join(root, 'src/shared/documents.ts'), 'utf8');
  const block = /DOC_FILE_NAMES[^{]*\{([^}]*)\}/.exec(text)?.[1] ?? '';
  const names = [...block.matchAll(/'([A-Z_]+\.md)'/g)].map((m) => m[1]);
  if (names.length === 0) throw new Error('no document names found in src/shared/documents.ts');
  return names;
}
