// isomorphic-git for the remotes' config edits, fetch and clone: loaded on first use (the board and a CLI start
// never pay for it), with a file system whose writes appear whole (temp file + rename), as git's own do.

import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';

type IsoGit = typeof import('isomorphic-git');
type IsoHttp = typeof import('isomorphic-git/http/node');

let isoGit: Promise<IsoGit> | null = null;
let isoHttp: Promise<IsoHttp['default']> | null = null;

/** The isomorphic-git module. */
export function loadIsoGit(): Promise<IsoGit> {
  isoGit ??= import('isomorphic-git').then((m) => ((m as unknown as { default?: IsoGit }).default ?? m) as IsoGit);
  return isoGit;
}

/** isomorphic-git's Node HTTP client. */
export function loadIsoHttp(): Promise<IsoHttp['default']> {
  isoHttp ??= import('isomorphic-git/http/node').then((m) => (m as unknown as { default?: IsoHttp['default'] }).default ?? (m as unknown as IsoHttp['default']));
  return isoHttp;
}

/**
 * Writes through a temp file named "<target>.<random>.lock" and a rename: git skips ".lock" names when it lists
 * refs, and our pack reader skips anything that is not ".pack"/".idx", so nobody sees half a file.
 */
async function writeFileWhole(path: string, data: Uint8Array | string, options?: { mode?: number } | string): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.lock`;
  const mode = typeof options === 'object' && options?.mode !== undefined ? options.mode : 0o666;
  await fsp.writeFile(temp, data, { flag: 'wx', mode });
  try {
    await fsp.rename(temp, path);
  } catch (error) {
    await fsp.unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** A promise-based fs client for isomorphic-git (its docs/fs.md) with whole-file writes. */
export const wholeFileFs = {
  promises: {
    readFile: fsp.readFile,
    writeFile: writeFileWhole,
    mkdir: fsp.mkdir,
    rmdir: fsp.rmdir,
    rm: fsp.rm,
    unlink: fsp.unlink,
    stat: fsp.stat,
    lstat: fsp.lstat,
    readdir: fsp.readdir,
    readlink: fsp.readlink,
    symlink: fsp.symlink,
    chmod: fsp.chmod,
  },
};
