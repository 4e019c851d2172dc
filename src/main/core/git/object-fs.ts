// The file system isomorphic-git writes objects through: each object file appears whole, read-only, as git's do.

import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { createWholeFileFs } from './whole-file-fs';

/** Object writes under git's own "tmp_obj_" prefix: `git prune` removes such leftovers if this process dies in between. */
export const objectFs = createWholeFileFs({
  tempPathFor: (path) => join(dirname(path), `tmp_obj_${randomBytes(6).toString('hex')}`),
  modeFor: () => 0o444,
});
