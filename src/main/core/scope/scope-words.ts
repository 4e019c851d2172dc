// The words a module's code is likely named by, taken from its id and title: drivers-hub -> driver,
// fuel-management -> fuel, ai-dispatch -> dispatch. Generic words are dropped while others remain.

import type { ModuleDef } from '../../../shared/manifest';

/** Words that name a kind of module rather than its subject: they would match half of any codebase. */
const GENERIC_WORDS = new Set([
  'hub', 'system', 'systems', 'management', 'manager', 'config', 'configuration', 'module', 'modules', 'app', 'apps', 'api', 'core',
  'service', 'services', 'center', 'centre', 'generation', 'builder', 'logging', 'data', 'and', 'the', 'for',
]);

const MIN_LENGTH = 3;

export interface ScopeWord {
  /** The singular form, shown to the user ("driver"). */
  word: string;
  /** Lowercase forms a file or folder name may contain: singular and plural ("driver", "drivers"). */
  forms: string[];
}

/** "drivers" -> "driver", "priorities" -> "priority", "glass" stays. */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

/** "driver" -> "drivers", "priority" -> "priorities", "glass" -> "glasses". */
export function plural(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/** The searchable words of a module, most specific first; generic words only when nothing else is left. */
export function moduleWords(module: Pick<ModuleDef, 'id' | 'title'>): ScopeWord[] {
  const raw = [...module.id.split('-'), ...module.title.split(/[^A-Za-z0-9]+/)]
    .map((w) => w.toLowerCase())
    .filter((w) => w.length >= MIN_LENGTH);
  const unique = [...new Set(raw.map(singular))];
  const specific = unique.filter((w) => !GENERIC_WORDS.has(w) && !GENERIC_WORDS.has(plural(w)));
  const chosen = specific.length > 0 ? specific : unique;
  return chosen.map((word) => ({ word, forms: [...new Set([word, plural(word)])] }));
}
