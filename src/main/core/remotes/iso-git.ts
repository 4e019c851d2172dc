// isomorphic-git for the remotes' config edits, fetch and clone: loaded on first use (the board and a CLI start
// never pay for it), with a file system whose writes appear whole (temp file + rename), as git's own do.

import { randomBytes } from 'node:crypto';
import { createWholeFileFs } from '../git/whole-file-fs';
import { loadIsoGit } from '../git/iso-git-loader';

export { loadIsoGit };

type IsoHttp = typeof import('isomorphic-git/http/node');

let isoHttp: Promise<IsoHttp['default']> | null = null;

/** isomorphic-git's Node HTTP client. */
export function loadIsoHttp(): Promise<IsoHttp['default']> {
  isoHttp ??= import('isomorphic-git/http/node').then((m) => (m as unknown as { default?: IsoHttp['default'] }).default ?? (m as unknown as IsoHttp['default']));
  return isoHttp;
}

/**
 * Writes through a temp file named "<target>.<random>.lock" and a rename: git skips ".lock" names when it lists
 * refs, and our pack reader skips anything that is not ".pack"/".idx", so nobody sees half a file.
 */
export const wholeFileFs = createWholeFileFs({
  tempPathFor: (path) => `${path}.${randomBytes(6).toString('hex')}.lock`,
  modeFor: (requested) => requested ?? 0o666,
});
