// Names that reach git's own files on some file system: `.git` and `.gitmodules` as HFS+ (macOS) and NTFS
// (Windows) see them. Our reading of git's is_hfs_dotgit (utf8.c) and is_ntfs_dotgit / is_ntfs_dotgitmodules (path.c).

/** Code points HFS+ leaves out when it compares names (the set git's is_hfs_dotgit skips). */
const HFS_IGNORED = /[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/gu;

/** `name` as HFS+ compares it: the ignored code points removed. */
export function withoutHfsIgnorables(name: string): string {
  return name.replace(HFS_IGNORED, '');
}

/** `.git` in any case, also with code points HFS+ ignores (`.g\u200cit`): the same folder on macOS. */
export function isHfsDotGit(name: string): boolean {
  return asciiLower(withoutHfsIgnorables(name)) === '.git';
}

/** `.gitmodules` in any case, also with code points HFS+ ignores. */
export function isHfsDotGitmodules(name: string): boolean {
  return asciiLower(withoutHfsIgnorables(name)) === '.gitmodules';
}

/** What NTFS may still ignore after a name: trailing dots and spaces, then an alternate data stream (`:...`). */
const NTFS_TAIL = /^[. ]*(?::.*)?$/su;

/**
 * `.git` or its 8.3 short name `git~1`, in any case, followed only by dots and spaces and an optional
 * alternate data stream: every one of them opens the `.git` folder on NTFS.
 */
export function isNtfsDotGit(name: string): boolean {
  const lower = asciiLower(name);
  const rest = lower.startsWith('.git') ? name.slice(4) : lower.startsWith('git~1') ? name.slice(5) : null;
  return rest !== null && NTFS_TAIL.test(rest);
}

/**
 * `.gitmodules` as NTFS may reach it: the long name, the usual short name `gitmod~1` to `gitmod~4`, or the
 * hashed fall-back short name (up to six characters of `gi7eba`, `~`, a digit 1-9, more digits, eight in all),
 * each followed only by dots, spaces and an optional alternate data stream.
 */
export function isNtfsDotGitmodules(name: string): boolean {
  const lower = asciiLower(name);
  if (lower.startsWith('.gitmodules') && NTFS_TAIL.test(name.slice(11))) return true;
  if (/^gitmod~[1-4]/u.test(lower) && NTFS_TAIL.test(name.slice(8))) return true;
  const head = /^([^~]{0,6})~[1-9][0-9]*$/su.exec(lower.slice(0, 8));
  return lower.length >= 8 && head !== null && 'gi7eba'.startsWith(head[1]!) && NTFS_TAIL.test(name.slice(8));
}

/** Lower-cases ASCII letters only, as git's needles are ASCII and other letters must not fold onto them. */
function asciiLower(name: string): string {
  return name.replace(/[A-Z]/gu, (letter) => letter.toLowerCase());
}
