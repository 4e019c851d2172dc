// A relative path checked by the same rules as a tree's entries: what agent tools use to refuse a path before
// they touch the file system, and how every refusal shows a path (invisible characters made visible).

import { FleetError } from '../../../shared/errors';
import { isEncodableName } from '../git/name-bytes';
import { unsafeNameReason, type EntryKind } from './name-rules';

/** Control, format and surrogate code points (`\u200c`, a lone `\udc80`) spelled out so a message shows them. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

/** `path` in quotes, invisible characters written as `\uXXXX` and bytes that are not UTF-8 (U+DC80+byte) as `\xXX`. */
export function showPath(path: string): string {
  const shown = path.replace(INVISIBLE, (char) => {
    const unit = char.charCodeAt(0);
    return unit >= 0xdc80 && unit <= 0xdcff ? `\\x${(unit - 0xdc00).toString(16)}` : `\\u${unit.toString(16).padStart(4, '0')}`;
  });
  return `"${shown}"`;
}

/** The refusal of `path`: UNSAFE_PATH naming it and the reason. */
function refuse(path: string, reason: string): FleetError {
  return new FleetError('UNSAFE_PATH', `The path ${showPath(path)} ${reason}.`, { path, reason });
}

/**
 * The folder names and final name of a `/`-separated relative path whose last part is a `kind`; UNSAFE_PATH
 * when it is absolute or any part is a name a checkout refuses (`..`, `.git` in any form, ...).
 */
export function validateRelativePath(path: string, kind: EntryKind = 'file', platform: NodeJS.Platform = process.platform): string[] {
  if (path.startsWith('/') || /^[a-z]:/iu.test(path)) throw refuse(path, 'is absolute; only paths inside the folder are allowed');
  if (!isEncodableName(path)) throw refuse(path, 'holds a lone surrogate that stands for no byte');
  const parts = path.split('/');
  parts.forEach((part, index) => {
    const reason = unsafeNameReason(part, index === parts.length - 1 ? kind : 'folder', platform);
    if (reason) throw refuse(path, parts.length > 1 ? `is refused: its part ${showPath(part)} ${reason}` : reason);
  });
  return parts;
}
