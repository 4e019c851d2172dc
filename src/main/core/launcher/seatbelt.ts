// macOS: the sandbox-exec profile for one command (Seatbelt's profile language): reads allowed except the app-data
// folder and credential stores, writes only to the working folder, the command's temp folder, the paths the launch
// was granted for writing and the usual devices.
// sandbox-exec cannot run on the Linux build machines: this text is checked by unit tests only.

import type { HiddenPath } from './hidden-paths';

/** A string literal in the profile language. */
function quote(path: string): string {
  return `"${path.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The profile text; pass real paths (macOS's /tmp is /private/tmp, and the profile matches resolved paths). */
export function seatbeltProfile(cwd: string, tempDir: string, hidden: HiddenPath[], writable: string[] = []): string {
  const extra = writable.map((path) => ` (subpath ${quote(path)})`).join('');
  const hiddenRules = hidden.map(({ path, kind }) => (kind === 'folder' ? `(subpath ${quote(path)})` : `(literal ${quote(path)})`));
  return [
    '(version 1)',
    '(allow default)',
    '(deny file-write*)',
    `(allow file-write* (subpath ${quote(cwd)}) (subpath ${quote(tempDir)})${extra} (literal "/dev/null") (literal "/dev/zero") (literal "/dev/tty") (regex #"^/dev/fd/"))`,
    ...(hiddenRules.length > 0 ? [`(deny file-read* file-write* ${hiddenRules.join(' ')})`] : []),
    '',
  ].join('\n');
}
