// isomorphic-git, loaded on first use: reading the board never needs it, and a CLI start stays quick.
//
// Loaded with require rather than a dynamic import: under Node the package's "node" condition gives its CommonJS build
// either way, and a built file without a dynamic import keeps the command line's code cache (bin/compile-cache.cjs
// skips such files: the cache loses V8's import callback). With one, the git chunk (the largest a push or status runs)
// was compiled anew on every start.

import { createRequire } from 'node:module';

type IsoGit = typeof import('isomorphic-git');
type IsoHttpClient = (typeof import('isomorphic-git/http/node'))['default'];

const requirePackage = createRequire(import.meta.url);
let isoGit: Promise<IsoGit> | null = null;
let isoHttp: Promise<IsoHttpClient> | null = null;

/** A CommonJS package's exports, as a promise (a failure to load is a rejection, as with a dynamic import). */
function loadPackage<T>(id: string, pick: (module: { default?: T } & T) => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(pick(requirePackage(id) as { default?: T } & T)));
}

/** The isomorphic-git module (loaded once). */
export function loadIsoGit(): Promise<IsoGit> {
  isoGit ??= loadPackage<IsoGit>('isomorphic-git', (m) => m.default ?? m);
  return isoGit;
}

/** isomorphic-git's Node HTTP client (loaded once). */
export function loadIsoHttp(): Promise<IsoHttpClient> {
  isoHttp ??= loadPackage<IsoHttpClient>('isomorphic-git/http/node', (m) => m.default ?? m);
  return isoHttp;
}
