// Git's byte format for trees and object ids, so a tree's id is known before its write finishes.

import { createHash } from 'node:crypto';
import type { ObjectType, TreeEntry } from './types';

/** The id git gives an object of `type` with `content`: SHA-1 of "<type> <size>\0<content>". */
export function hashObject(type: ObjectType, content: Buffer): string {
  return createHash('sha1').update(`${type} ${content.length}\0`).update(content).digest('hex');
}

/** Sorts entries in git's tree order: byte order of names, a folder's name compared as if it ended in "/". */
export function sortTreeEntries(entries: TreeEntry[]): TreeEntry[] {
  const key = (entry: TreeEntry) => Buffer.from(entry.mode === '040000' ? `${entry.path}/` : entry.path, 'utf8');
  return entries
    .map((entry) => ({ entry, key: key(entry) }))
    .sort((a, b) => Buffer.compare(a.key, b.key))
    .map(({ entry }) => entry);
}

/** The content of a tree object for entries already in git's order ("<mode> <name>\0<20-byte id>" each). */
export function serializeTree(sortedEntries: TreeEntry[]): Buffer {
  return Buffer.concat(
    sortedEntries.map((entry) =>
      Buffer.concat([Buffer.from(`${entry.mode.replace(/^0/, '')} ${entry.path}\0`, 'utf8'), Buffer.from(entry.oid, 'hex')]),
    ),
  );
}
