// The file system isomorphic-git writes objects through: each file appears whole (temp file, then rename), as git does.

import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';

/** Writes `data` beside `path` under git's temp name pattern, then renames it into place; readers never see half a file. */
async function writeFileWhole(path: string, data: Uint8Array | string): Promise<void> {
  // git's own "tmp_obj_" prefix: `git prune` removes such leftovers if this process dies in between.
  const temp = join(dirname(path), `tmp_obj_${randomBytes(6).toString('hex')}`);
  await fsp.writeFile(temp, data, { flag: 'wx', mode: 0o444 });
  try {
    await fsp.rename(temp, path);
  } catch (error) {
    await fsp.unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** A promise-based fs client for isomorphic-git (see its docs/fs.md) with whole-file writes. */
export const objectFs = {
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
