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

type IsoHttpClient = IsoHttp['default'];

/** isomorphic-git's HTTP client with every request bound to `signal`: a cancel cuts the connection, mid-answer too. */
export function httpWithSignal(http: IsoHttpClient, signal: AbortSignal | undefined): IsoHttpClient {
  if (!signal) return http;
  return { request: (request) => http.request({ ...request, signal }) };
}

type WholeFileFs = typeof wholeFileFs;

/**
 * The fs client with `signal` checked before every call, so a cancel stops a clone's pack writing, indexing and
 * checkout between two files instead of after the last one.
 */
export function fsWithSignal(fs: WholeFileFs, signal: AbortSignal | undefined, cancelled: () => Error): WholeFileFs {
  if (!signal) return fs;
  const guarded = {} as Record<string, unknown>;
  for (const [name, method] of Object.entries(fs.promises) as Array<[string, (...args: unknown[]) => Promise<unknown>]>) {
    guarded[name] = (...args: unknown[]) => (signal.aborted ? Promise.reject(cancelled()) : method(...args));
  }
  return { promises: guarded as WholeFileFs['promises'] };
}
