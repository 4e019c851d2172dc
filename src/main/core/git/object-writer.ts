// Writes blobs, trees and commits as loose objects through isomorphic-git (which writes without reading packs).

import { FleetError } from '../../../shared/errors';
import { objectFs as fs } from './object-fs';
import { loadIsoGit } from './iso-git-loader';
import { requireOid } from './oid';
import type { NewCommit, Person } from './types';

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

  /** Writes a tree object's content (built by tree-format's buildTree, names as their bytes); returns its id. */
  async writeTreeContent(content: Buffer): Promise<string> {
    // isomorphic-git's writeTree would encode names as UTF-8 strings (U+FFFD for bytes that are not): write the bytes.
    return (await loadIsoGit()).writeObject({ fs, gitdir: this.objectsParent, type: 'tree', object: content, format: 'content' });
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
