// A promise-based fs client for isomorphic-git (its docs/fs.md) whose writes appear whole: each file is written
// under a temporary name and renamed into place, so readers (git, our pack reader) never see half a file.

import { promises as fsp } from 'node:fs';

export interface WholeFileFsOptions {
  /** The temporary path to write before renaming over `path`; it must be a name other readers skip. */
  tempPathFor(path: string): string;
  /** The file mode to create with, given the one isomorphic-git asked for (if any). */
  modeFor(requested: number | undefined): number;
}

/** Builds the fs client; only writeFile differs from node:fs/promises. */
export function createWholeFileFs(options: WholeFileFsOptions) {
  async function writeFileWhole(path: string, data: Uint8Array | string, writeOptions?: { mode?: number } | string): Promise<void> {
    const temp = options.tempPathFor(path);
    const requested = typeof writeOptions === 'object' ? writeOptions?.mode : undefined;
    await fsp.writeFile(temp, data, { flag: 'wx', mode: options.modeFor(requested) });
    try {
      await fsp.rename(temp, path);
    } catch (error) {
      await fsp.unlink(temp).catch(() => undefined);
      throw error;
    }
  }
  return {
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
}
