// git's replace refs: `refs/replace/<oid>` (made by `git replace` and `git replace --graft`) makes every history
// command read <oid> as the object the ref points at, so a graft changes what log, rev-list, merge-base and merge see.
// Read as git reads them: off when GIT_NO_REPLACE_OBJECTS is set or core.useReplaceRefs is false, under
// GIT_REPLACE_REF_BASE when that is set. Transport (push) reads the stored objects, as git's pack-objects does.

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FleetError } from '../../../shared/errors';
import { configBoolean, readGitConfig } from './git-config';
import type { RepositoryLayout } from './layout';
import { isOid } from './oid';
import { readLooseRef, readPackedRefs } from './refs';

/** git's MAXREPLACEDEPTH: a replacement replaced again, at most this many times. */
const MAX_REPLACE_DEPTH = 5;

/** Original object id -> the id of the object to read instead; empty when the repository uses none (or they are off). */
export type Replacements = Map<string, string>;

/** The repository's replace refs as git would apply them in `env`. */
export async function readReplacements(layout: RepositoryLayout, env: NodeJS.ProcessEnv): Promise<Replacements> {
  const replacements: Replacements = new Map();
  if (env.GIT_NO_REPLACE_OBJECTS !== undefined) return replacements;
  const config = await readGitConfig(join(layout.commondir, 'config'));
  if (configBoolean(config.get('core.usereplacerefs')) === false) return replacements;
  let base = env.GIT_REPLACE_REF_BASE || 'refs/replace/';
  if (!base.endsWith('/')) base += '/';
  for (const [name, oid] of await readPackedRefs(layout)) {
    const original = name.slice(base.length);
    if (name.startsWith(base) && isOid(original) && isOid(oid)) replacements.set(original, oid);
  }
  const loose = await readdir(join(layout.commondir, ...base.split('/').filter(Boolean)), { withFileTypes: true }).catch(() => []);
  await Promise.all(
    loose
      .filter((entry) => entry.isFile() && isOid(entry.name))
      .map(async (entry) => {
        const value = await readLooseRef(layout, `${base}${entry.name}`);
        if (value && isOid(value)) replacements.set(entry.name, value);
      }),
  );
  return replacements;
}

/** The object to read for `oid`: its replacement (followed as git follows chains), or itself. */
export function replacementOf(replacements: Replacements, oid: string): string {
  let current = oid;
  for (let depth = 0; depth <= MAX_REPLACE_DEPTH; depth++) {
    const next = replacements.get(current);
    if (next === undefined) return current;
    current = next;
  }
  throw new FleetError('GIT_CORRUPT', `The replace refs for ${oid} go deeper than git allows (${MAX_REPLACE_DEPTH}); git reports "replace depth too high" for it too.`, { oid });
}

/** True when two replacement sets are the same. */
export function sameReplacements(a: Replacements, b: Replacements): boolean {
  if (a.size !== b.size) return false;
  for (const [oid, replacement] of a) if (b.get(oid) !== replacement) return false;
  return true;
}
