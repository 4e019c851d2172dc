// Refuses, before anything is created, a folder that cannot hold a repository: one on a virtual file system
// (procfs, sysfs, ...: recursive mkdir spins forever on procfs), on a read-only mount, or not writable by this user.

import { mkdtemp, rmdir, stat, statfs } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { FleetError } from '../../shared/errors';

// Linux file-system magic numbers (statfs f_type, see statfs(2)) of file systems that hold no files of their own.
const VIRTUAL_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'procfs'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x62656570, 'configfs'],
  [0x6165676c, 'pstore'],
  [0xcafe4a11, 'bpf'],
  [0xde5e81e4, 'efivarfs'],
  [0xf97cff8c, 'selinuxfs'],
  [0x65735543, 'fusectl'],
  [0x19800202, 'mqueue'],
  [0x42494e4d, 'binfmt_misc'],
  [0x6e736673, 'nsfs'],
]);

function refuse(path: string, reason: string, message: string, extra: Record<string, unknown> = {}): FleetError {
  return new FleetError('TARGET_NOT_WRITABLE', message, { path, reason, ...extra });
}

/** The folder itself if it exists, else its nearest existing parent. */
async function nearestExisting(path: string): Promise<{ folder: string; isFolder: boolean }> {
  let current = path;
  for (;;) {
    const info = await stat(current).catch(() => null);
    if (info) return { folder: current, isFolder: info.isDirectory() };
    const parent = dirname(current);
    if (parent === current) return { folder: current, isFolder: false };
    current = parent;
  }
}

/** Throws TARGET_NOT_WRITABLE (naming the folder and why) unless a new folder can be made and written at `path`. */
export async function checkWritableFolder(target: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  const path = resolve(target);
  const { folder, isFolder } = await nearestExisting(path);
  if (!isFolder) throw refuse(path, 'not-a-folder', `Cannot create ${path}: ${folder} is a file, not a folder.`, { existing: folder });
  if (platform === 'linux') {
    const type = (await statfs(folder).catch(() => null))?.type;
    const name = type === undefined ? undefined : VIRTUAL_FILE_SYSTEMS.get(type >>> 0);
    if (name) {
      throw refuse(path, 'virtual-file-system', `${path} is on ${name}, a virtual file system that holds no files. Pick a folder on a disk, such as one in your home folder.`, {
        fileSystem: name,
      });
    }
  }
  // The only sure test of writing is to write: a folder made and removed at once.
  try {
    await rmdir(await mkdtemp(join(folder, '.fleet-write-check-')));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EROFS') throw refuse(path, 'read-only', `${path} is on a read-only file system. Pick a folder you can write to.`, { existing: folder });
    if (code === 'EACCES' || code === 'EPERM') throw refuse(path, 'permission', `You cannot create folders in ${folder}. Pick a folder you can write to.`, { existing: folder });
    throw refuse(path, 'not-writable', `Cannot create folders in ${folder} (${code ?? 'unknown error'}). Pick a folder on a disk you can write to.`, { existing: folder });
  }
}
