// Plain git data as the core reads and writes it.

export type ObjectType = 'blob' | 'tree' | 'commit' | 'tag';

export interface GitObject {
  type: ObjectType;
  content: Buffer;
}

export interface TreeEntry {
  /** '100644', '100755', '120000', '040000' (trees), '160000' (submodules). */
  mode: string;
  /** The entry's name within its tree (no slashes). */
  path: string;
  oid: string;
  type: 'blob' | 'tree' | 'commit';
}

export interface Person {
  name: string;
  email: string;
  /** Seconds since the epoch. */
  timestamp: number;
  /** Minutes, with isomorphic-git's sign convention (UTC+2 is -120). */
  timezoneOffset: number;
}

export interface CommitInfo {
  oid: string;
  tree: string;
  parents: string[];
  author: Person;
  committer: Person;
  message: string;
}

/** What a walk needs of a stored commit: its parents in order, committer time (seconds) and tree. */
export interface StoredCommitLinks {
  parents: string[];
  time: number;
  tree: string;
}

export interface NewCommit {
  tree: string;
  parents: string[];
  author: Person;
  committer?: Person;
  message: string;
}

export interface AheadBehind {
  ahead: number;
  behind: number;
}

export interface HeadInfo {
  /** Short branch name ("main") when HEAD is symbolic, else null. */
  branch: string | null;
  oid: string | null;
  detached: boolean;
}
