// What a missing object means and who needed it: in a partial clone (`git clone --filter=...`) an object the clone
// never fetched is expected, not damage (OBJECT_NOT_FETCHED); elsewhere it is damage (GIT_CORRUPT). Either way the
// error names the object, its path when the reader knew it, and the operation that needed it.

import { AsyncLocalStorage } from 'node:async_hooks';
import { FleetError } from '../../../shared/errors';
import { configBoolean, type GitConfig } from './git-config';

/** The promisor remotes of a partial clone and the filter it was made with. */
export interface PartialClone {
  remotes: string[];
  filter: string | null;
}

/** A partial clone's promisor remotes (remote.<name>.promisor, extensions.partialClone), or null for a whole repository. */
export function partialCloneOf(config: GitConfig): PartialClone | null {
  const remotes = new Set<string>();
  let filter: string | null = null;
  for (const [key, value] of config) {
    const promisor = /^remote\.(.+)\.promisor$/.exec(key);
    if (promisor && configBoolean(value) === true) remotes.add(promisor[1]!);
    const filtered = /^remote\.(.+)\.partialclonefilter$/.exec(key);
    if (filtered) filter ??= value;
  }
  const extension = config.get('extensions.partialclone');
  if (extension) remotes.add(extension);
  return remotes.size > 0 ? { remotes: [...remotes], filter } : null;
}

const operations = new AsyncLocalStorage<string>();
/** What a process that does one thing does (a command-line command); named outside any runAsOperation. */
let processOperation: string | null = null;

/** Runs `work` (and everything it starts, jobs included) as `operation`, which missing-object errors then name. */
export function runAsOperation<T>(operation: string, work: () => T): T {
  return operations.run(operation, work);
}

/**
 * Names what this whole process does, for a process that does one thing. It then needs no runAsOperation: the first
 * AsyncLocalStorage.run turns on Node's promise hooks for the rest of the process (on Node 20 that cost a one-shot
 * `fleet-control push` of 32 branches ~40 ms, one promise hook per promise).
 */
export function nameProcessOperation(operation: string): void {
  processOperation = operation;
}

/** The operation running now (a contract method's name, or the process's own), or null outside one. */
export function currentOperation(): string | null {
  return operations.getStore() ?? processOperation;
}

export interface MissingObject {
  oid: string;
  /** The repository path the object was read for, when the reader knew it. */
  path?: string;
  /** The object is a folder on the way to `path` rather than `path` itself. */
  onTheWay?: boolean;
  /** The repository's folder, for the git commands the message suggests. */
  repoPath: string;
  partial: PartialClone | null;
  /** Why pack indexes of the repository could not be read: the object may be in one of those packs. */
  unreadableIndexes?: string[];
}

/** True for the error the object store throws when an object is absent (not damaged: absent). */
export function isMissingObjectError(error: unknown, oid?: string): error is FleetError {
  return error instanceof FleetError && error.data?.missing === true && (oid === undefined || error.data.oid === oid);
}

/** The error for an object this repository does not have: OBJECT_NOT_FETCHED in a partial clone, else GIT_CORRUPT. */
export function missingObjectError(missing: MissingObject): FleetError {
  const { oid, path, repoPath, partial } = missing;
  const operation = currentOperation();
  const where = path ? (missing.onTheWay ? ` (a folder on the way to ${path})` : ` (${path})`) : '';
  const what = `The object ${oid}${where}`;
  const neededBy = operation ? ` The operation "${operation}" needs it.` : '';
  const data = { oid, ...(path ? { path } : {}), ...(operation ? { operation } : {}) };
  if (!partial) {
    const unreadable = missing.unreadableIndexes ?? [];
    const advice = unreadable.length ? ` It may be in a pack whose index could not be read: ${unreadable.join(' ')}` : ' Run "git fsck" to check it.';
    return new FleetError('GIT_CORRUPT', `${what} is missing from the repository.${neededBy}${advice}`, { ...data, missing: true });
  }
  const remote = partial.remotes[0]!;
  return new FleetError(
    'OBJECT_NOT_FETCHED',
    `${what} is not in this repository: it is a partial clone${partial.filter ? ` (filter ${partial.filter})` : ''} and has not fetched it from "${remote}" yet, which is not damage.${neededBy} ` +
      `Fleet Control does not fetch objects itself: "git -C ${repoPath} cat-file -e ${oid}" fetches this one, "git -C ${repoPath} fetch --refetch --no-filter ${remote}" everything the clone left out.`,
    { ...data, remote, filter: partial.filter, missing: true },
  );
}
