// Writes blobs, trees and commits as loose objects through isomorphic-git (which writes without reading packs).

import { FleetError } from '../../../shared/errors';
import { objectFs as fs } from './object-fs';
import { loadIsoGit } from './iso-git-loader';
import { requireOid } from './oid';
import type { NewCommit, Person, TreeEntry } from './types';

const TYPE_OF_MODE: Record<string, TreeEntry['type']> = { '100644': 'blob', '100755': 'blob', '120000': 'blob', '040000': 'tree', '40000': 'tree', '160000': 'commit' };

function checkPerson(person: Person, role: string): Person {
  for (const [field, value] of [['name', person.name], ['email', person.email]] as const) {
    if (typeof value !== 'string' || /[<>\n\0]/.test(value)) {
      throw new FleetError('INVALID_INPUT', `The ${role}'s ${field} "${String(value)}" cannot go into a commit: it must not contain <, > or line breaks.`, { role, field });
    }
  }
  if (!Number.isInteger(person.timestamp) || !Number.isInteger(person.timezoneOffset)) {
    throw new FleetError('INVALID_INPUT', `The ${role}'s time must be whole seconds and a whole-minute time zone offset.`, { role });
  }
  return person;
}

/** Object writes into one repository's objects folder (the common folder, so linked worktrees share them). */
export class ObjectWriter {
  constructor(
    /** The folder that holds `objects/`: the repository's common folder. */
    private readonly objectsParent: string,
  ) {}

  /** Writes a blob; returns its id. */
  async writeBlob(content: Buffer | string): Promise<string> {
    const blob = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    return (await loadIsoGit()).writeBlob({ fs, gitdir: this.objectsParent, blob });
  }

  /** Writes a tree from entries (any order; git's order is applied); returns its id. */
  async writeTree(entries: TreeEntry[]): Promise<string> {
    const names = new Set<string>();
    for (const entry of entries) {
      requireOid(entry.oid, `id of tree entry "${entry.path}"`);
      const type = TYPE_OF_MODE[entry.mode];
      if (!type) throw new FleetError('INVALID_INPUT', `Tree entry "${entry.path}" has an unknown mode ${entry.mode}.`, { path: entry.path });
      if (type !== entry.type) throw new FleetError('INVALID_INPUT', `Tree entry "${entry.path}" has mode ${entry.mode} but type ${entry.type}.`, { path: entry.path });
      if (!entry.path || entry.path.includes('/') || entry.path === '.' || entry.path === '..' || entry.path.includes('\0')) {
        throw new FleetError('INVALID_INPUT', `"${entry.path}" is not a valid name inside a tree.`, { path: entry.path });
      }
      if (names.has(entry.path)) throw new FleetError('INVALID_INPUT', `The tree lists "${entry.path}" twice.`, { path: entry.path });
      names.add(entry.path);
    }
    const tree = entries.map((entry) => ({ mode: entry.mode === '40000' ? '040000' : entry.mode, path: entry.path, oid: entry.oid, type: entry.type }));
    return (await loadIsoGit()).writeTree({ fs, gitdir: this.objectsParent, tree });
  }

  /** Writes a commit (committer defaults to the author); returns its id. */
  async writeCommit(commit: NewCommit): Promise<string> {
    requireOid(commit.tree, 'tree id');
    commit.parents.forEach((parent) => requireOid(parent, 'parent id'));
    const author = checkPerson(commit.author, 'author');
    const committer = checkPerson(commit.committer ?? commit.author, 'committer');
    return (await loadIsoGit()).writeCommit({
      fs,
      gitdir: this.objectsParent,
      commit: { message: commit.message, tree: commit.tree, parent: commit.parents, author, committer },
    });
  }
}
