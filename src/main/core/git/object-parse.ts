// Parses commit and tree objects into the core's plain types (and names the damage when they do not parse).

import { FleetError } from '../../../shared/errors';
import { decodeName } from './name-bytes';
import type { CommitInfo, Person, TreeEntry } from './types';

function corrupt(oid: string, what: string): FleetError {
  return new FleetError('GIT_CORRUPT', `The ${what} ${oid} is damaged and cannot be read. Run "git fsck" in the repository.`, { oid });
}

/** Parses "Name <email> 1700000000 +0200" (the timezone in isomorphic-git's sign convention: UTC+2 is -120). */
export function parsePerson(line: string): Person | null {
  const close = line.lastIndexOf('>');
  const open = line.lastIndexOf('<', close);
  if (open < 0 || close < 0) return null;
  const when = /^\s*(\d+)\s+([+-])(\d\d)(\d\d)\s*$/.exec(line.slice(close + 1));
  const minutes = when ? Number(when[3]) * 60 + Number(when[4]) : 0;
  return {
    name: line.slice(0, open).replace(/ $/, ''),
    email: line.slice(open + 1, close),
    timestamp: when ? Number(when[1]) : 0,
    timezoneOffset: minutes === 0 ? 0 : when?.[2] === '+' ? -minutes : minutes,
  };
}

/** Parses a commit object's content: tree, parents, author, committer and the raw message. */
export function parseCommit(oid: string, content: Buffer): CommitInfo {
  const text = content.toString('utf8');
  const split = text.indexOf('\n\n');
  const headerText = split < 0 ? text : text.slice(0, split);
  const message = split < 0 ? '' : text.slice(split + 2);
  let tree = '';
  const parents: string[] = [];
  let author: Person | null = null;
  let committer: Person | null = null;
  for (const line of headerText.split('\n')) {
    // Continuation lines (a leading space) belong to multi-line headers such as gpgsig and mergetag.
    if (line.startsWith(' ')) continue;
    const space = line.indexOf(' ');
    const key = space < 0 ? line : line.slice(0, space);
    const value = space < 0 ? '' : line.slice(space + 1);
    if (key === 'tree') tree = value;
    else if (key === 'parent') parents.push(value);
    else if (key === 'author') author = parsePerson(value);
    else if (key === 'committer') committer = parsePerson(value);
  }
  if (!/^[0-9a-f]{40}$/.test(tree) || !author || !committer) throw corrupt(oid, 'commit');
  return { oid, tree, parents, author, committer, message };
}

const MODE_TYPES: Record<string, TreeEntry['type']> = { '40000': 'tree', '160000': 'commit' };

/** Parses a tree object's binary entries ("<mode> <name>\0<20-byte id>") in stored order; names as name-bytes decodes them. */
export function parseTree(oid: string, content: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let position = 0;
  while (position < content.length) {
    const space = content.indexOf(0x20, position);
    const nul = content.indexOf(0, space + 1);
    if (space < 0 || nul < 0 || nul + 21 > content.length) throw corrupt(oid, 'tree');
    const rawMode = content.toString('latin1', position, space);
    entries.push({
      mode: rawMode === '40000' ? '040000' : rawMode,
      path: decodeName(content, space + 1, nul),
      oid: content.toString('hex', nul + 1, nul + 21),
      type: MODE_TYPES[rawMode] ?? 'blob',
    });
    position = nul + 21;
  }
  return entries;
}
