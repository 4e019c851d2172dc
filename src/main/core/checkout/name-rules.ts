// The names a checkout refuses, one entry at a time: git's own checkout refusals (verify_path, the HFS+ and NTFS
// forms of `.git`, a `.gitmodules` symlink) plus the names Windows would trim or read as a separator or stream.
// Applied on every platform, so a tree that is unsafe on a teammate's Mac or PC is refused everywhere.

import { isHfsDotGit, isHfsDotGitmodules, isNtfsDotGit, isNtfsDotGitmodules, withoutHfsIgnorables } from './dotgit-names';

/** What a tree entry becomes on disk. */
export type EntryKind = 'file' | 'symlink' | 'folder' | 'submodule';

/** Windows device names, reserved with any extension, trailing spaces or stream (`aux.c`, `NUL `, `con:x`). */
const WINDOWS_DEVICE = /^(?:aux|nul|prn|con|conin\$|conout\$|com[1-9]|lpt[0-9])(?: *)(?:[.:].*)?$/isu;

/** Characters Windows refuses in a name besides control characters (colon and backslash: refused everywhere). */
const WINDOWS_ILLEGAL = /[<>"|?*]/u;

/** Why `name` must not be checked out as a `kind`, or null when it is safe. */
export function unsafeNameReason(name: string, kind: EntryKind, platform: NodeJS.Platform = process.platform): string | null {
  if (name === '') return 'has an empty name';
  if (name === '.' || name === '..') return 'names the folder itself or its parent';
  if (name.includes('/') || name.includes('\0')) return 'contains a slash or a NUL byte';
  if (isHfsDotGit(name)) return "is named .git (in some case or with characters macOS ignores): git's own folder";
  if (isNtfsDotGit(name)) return "is a name Windows reads as .git (git~1, trailing dots or spaces, or a stream): git's own folder";
  if (kind === 'symlink' && (isHfsDotGitmodules(name) || isNtfsDotGitmodules(name))) {
    return 'is a symbolic link named .gitmodules (or a name macOS or Windows reads as .gitmodules), which git refuses';
  }
  if (name.includes('\\')) return 'contains a backslash, a folder separator on Windows';
  if (name.includes(':')) return 'contains a colon, which names an alternate data stream on Windows';
  if (name.endsWith('.') || name.endsWith(' ')) return 'ends in a dot or a space, which Windows drops (so it names another entry there)';
  if (platform === 'win32') {
    if (WINDOWS_DEVICE.test(name)) return 'is a Windows device name (CON, NUL, AUX, COM1, ...)';
    if (WINDOWS_ILLEGAL.test(name) || [...name].some((char) => char < ' ')) return 'contains a character Windows does not allow in names';
  }
  return null;
}

/**
 * The name as a case-insensitive, normalising file system compares it (macOS, Windows): two names of one
 * folder with the same key are one file there. Upper- then lower-casing also folds `ſ` onto `s` and `K`
 * (Kelvin) onto `k`; folding a little more than a given file system does only refuses more.
 */
export function collisionKey(name: string): string {
  return withoutHfsIgnorables(name).normalize('NFC').toUpperCase().toLowerCase();
}
