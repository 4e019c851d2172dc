// The bubblewrap (bwrap) command line for one command: its own PID namespace with a fresh /proc (it sees no
// process outside, so no other process's environment), dying with its parent, the root file system read-only
// except its working folder and a private /tmp, the app-data folder and credential stores hidden, no
// capabilities, network left on (checks install packages).

import type { HiddenPath } from './hidden-paths';

/** A folder or file one launch may also read (or write): an agent CLI's config folder, a prompt file outside cwd. */
export interface LaunchPath {
  path: string;
  write: boolean;
}

/** The flags every sandboxed command gets, before any folder is bound. */
export const BWRAP_BASE = ['--die-with-parent', '--unshare-pid', '--unshare-ipc', '--unshare-cgroup-try', '--cap-drop', 'ALL', '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp'];

/**
 * bwrap's arguments up to `--`: the launch's extra paths over the private /tmp but under the hidden ones (a grant
 * of a parent folder cannot reopen a credential store inside it), `cwd` bound writable last, so a hidden folder
 * above it cannot cover it.
 */
export function bubblewrapArgs(cwd: string, hidden: HiddenPath[], extra: LaunchPath[] = []): string[] {
  const args = [...BWRAP_BASE];
  for (const { path, write } of extra) args.push(write ? '--bind' : '--ro-bind', path, path);
  for (const { path, kind } of hidden) {
    if (kind === 'folder') args.push('--tmpfs', path);
    else args.push('--ro-bind', '/dev/null', path);
  }
  args.push('--bind', cwd, cwd, '--chdir', cwd);
  return args;
}
