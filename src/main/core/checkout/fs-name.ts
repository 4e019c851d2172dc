// The one place a tree entry's name becomes a file-system path. Paths are bytes (Buffer paths reach the file
// system unchanged on POSIX), so a name that is not valid UTF-8 keeps its exact bytes.

import { sep } from 'node:path';
import { encodeName } from '../git/name-bytes';

const SEPARATOR = Buffer.from(sep);

/** The bytes the file system gets for a tree entry's name: its own bytes (escaped bytes back as they were). */
export function fsNameBytes(name: string): Buffer {
  return encodeName(name);
}

/** The path of the tree entry `name` inside the folder `parent`. */
export function childPath(parent: Buffer, name: string): Buffer {
  return joinFsPath(parent, fsNameBytes(name));
}

/** The path of the file-system name `name` (bytes as the file system gave them) inside `parent`. */
export function joinFsPath(parent: Buffer, name: Buffer): Buffer {
  return Buffer.concat([parent, SEPARATOR, name]);
}
