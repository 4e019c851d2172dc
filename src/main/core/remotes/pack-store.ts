// Stores a fetched pack in objects/pack: written under a temp name, indexed (isomorphic-git's indexPack builds
// the .idx), then renamed to pack-<checksum>.pack and .idx, the .idx last, so readers only ever see whole pairs.

import { randomBytes } from 'node:crypto';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitRepository } from '../git/repository';
import { FleetError } from '../../../shared/errors';
import { fsWithSignal, loadIsoGit, wholeFileFs } from './iso-git';

const cancelledFetch = (): FleetError => new FleetError('CANCELLED', 'The fetch was cancelled; no objects or branches were changed.');

/** Adds `pack` to the repository's objects; returns the number of objects it holds. A cancel leaves no file behind. */
export async function storePack(repo: GitRepository, pack: Buffer, onProgress?: (message: string) => void, signal?: AbortSignal): Promise<number> {
  const objects = pack.readUInt32BE(8);
  if (objects === 0) return 0;
  const dir = join(repo.commondir, 'objects', 'pack');
  const checksum = pack.subarray(pack.length - 20).toString('hex');
  const final = join(dir, `pack-${checksum}`);
  if (await stat(`${final}.idx`).catch(() => null)) return objects;
  const temp = `tmp_fleet_${randomBytes(6).toString('hex')}`;
  const tempBase = join(dir, temp);
  try {
    if (signal?.aborted) throw cancelledFetch();
    await writeFile(`${tempBase}.pack`, pack, { mode: 0o444 });
    const git = await loadIsoGit();
    await git.indexPack({
      fs: fsWithSignal(wholeFileFs, signal, cancelledFetch),
      dir: repo.commondir,
      gitdir: repo.commondir,
      filepath: join('objects', 'pack', `${temp}.pack`),
      cache: repo.isoGitCache,
      onProgress: (event) => {
        if (signal?.aborted) throw cancelledFetch();
        onProgress?.(`${event.phase} ${event.loaded}/${event.total ?? '?'}`);
      },
    });
    if (signal?.aborted) throw cancelledFetch();
    await rename(`${tempBase}.pack`, `${final}.pack`);
    await rename(`${tempBase}.idx`, `${final}.idx`);
  } finally {
    await rm(`${tempBase}.pack`, { force: true });
    await rm(`${tempBase}.idx`, { force: true });
  }
  return objects;
}
