// Git's byte format for trees and object ids, so a tree's id is known before its write finishes. Names are written
// as their bytes (name-bytes.ts): a name that is not UTF-8 keeps its bytes.

import { createHash } from 'node:crypto';
import { FleetError } from '../../../shared/errors';
import { encodeName } from './name-bytes';
import { requireOid } from './oid';
import type { ObjectType, TreeEntry } from './types';

const SLASH = Buffer.from('/');
const TYPE_OF_MODE: Record<string, TreeEntry['type']> = { '100644': 'blob', '100755': 'blob', '120000': 'blob', '040000': 'tree', '160000': 'commit' };

/** The id git gives an object of `type` with `content`: SHA-1 of "<type> <size>\0<content>". */
export function hashObject(type: ObjectType, content: Buffer): string {
  return createHash('sha1').update(`${type} ${content.length}\0`).update(content).digest('hex');
}

interface Encoded {
  entry: TreeEntry;
  name: Buffer;
  /** The name's bytes, a folder's followed by "/": git's tree order compares these. */
  key: Buffer;
}

function encode(entry: TreeEntry): Encoded {
  const name = encodeName(entry.path);
  const key = entry.mode === '040000' || entry.mode === '40000' ? Buffer.concat([name, SLASH]) : name;
  return { entry, name, key };
}

const inGitOrder = (encoded: Encoded[]): Encoded[] => encoded.sort((a, b) => Buffer.compare(a.key, b.key));

/** Sorts entries in git's tree order: byte order of names, a folder's name compared as if it ended in "/". */
export function sortTreeEntries(entries: TreeEntry[]): TreeEntry[] {
  return inGitOrder(entries.map(encode)).map(({ entry }) => entry);
}

/** "<mode> <name>\0<20-byte id>" per entry, written into one buffer. */
function treeContent(sorted: Encoded[]): Buffer {
  const modes = sorted.map(({ entry }) => entry.mode.replace(/^0/, ''));
  let size = 0;
  sorted.forEach(({ name }, i) => (size += modes[i]!.length + 1 + name.length + 1 + 20));
  const content = Buffer.allocUnsafe(size);
  let at = 0;
  sorted.forEach(({ entry, name }, i) => {
    at += content.write(modes[i]!, at, 'latin1');
    content[at++] = 0x20;
    at += name.copy(content, at);
    content[at++] = 0;
    at += content.write(entry.oid, at, 20, 'hex');
  });
  return content;
}

/** The content of a tree object for entries already in git's order ("<mode> <name>\0<20-byte id>" each). */
export function serializeTree(sortedEntries: TreeEntry[]): Buffer {
  return treeContent(sortedEntries.map(encode));
}

function badEntry(entry: TreeEntry, reason: string): FleetError {
  return new FleetError('INVALID_INPUT', `Tree entry "${entry.path}" ${reason}.`, { path: entry.path });
}

/** Checks entries (modes, names, ids, no name twice), puts them in git's order and gives the tree object's content. */
export function buildTree(entries: TreeEntry[]): { sorted: TreeEntry[]; content: Buffer } {
  const names = new Set<string>();
  const normalised = entries.map((entry) => {
    requireOid(entry.oid, `id of tree entry "${entry.path}"`);
    const mode = entry.mode === '40000' ? '040000' : entry.mode;
    const type = TYPE_OF_MODE[mode];
    if (!type) throw badEntry(entry, `has an unknown mode ${entry.mode}`);
    if (type !== entry.type) throw badEntry(entry, `has mode ${entry.mode} but type ${entry.type}`);
    if (!entry.path || entry.path.includes('/') || entry.path === '.' || entry.path === '..' || entry.path.includes('\0')) {
      throw new FleetError('INVALID_INPUT', `"${entry.path}" is not a valid name inside a tree.`, { path: entry.path });
    }
    // encodeName refuses two spellings of one byte string, so equal names are equal strings.
    if (names.has(entry.path)) throw new FleetError('INVALID_INPUT', `The tree lists "${entry.path}" twice.`, { path: entry.path });
    names.add(entry.path);
    return mode === entry.mode ? entry : { ...entry, mode };
  });
  const sorted = inGitOrder(normalised.map(encode));
  return { sorted: sorted.map(({ entry }) => entry), content: treeContent(sorted) };
}

/** What an entry is, in words for messages: "a folder", "a file", "a symbolic link", "a submodule". */
export function entryKind(entry: TreeEntry): string {
  if (entry.type === 'tree') return 'a folder';
  if (entry.type === 'commit') return 'a submodule';
  return entry.mode === '120000' ? 'a symbolic link' : 'a file';
}
