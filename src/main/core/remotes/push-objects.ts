// Which objects a push must send: the commits reachable from the new tips and not from anything the remote
// advertised (a newest-first walk that stops once only the remote's history is left), then for each such
// commit the trees and blobs that differ from its parents' (the parents' objects are on the remote or sent too).
// Objects are read as stored, never through replace refs: git's pack-objects sends the real history too. A commit's
// parents, date and tree come from the commit-graph where it lists the commit (the remote's advertised tips are often
// a hundred commits nothing else reads), as git's push takes them.

import type { GitRepository } from '../git/repository';
import { MaxPriorityQueue } from '../git/priority-queue';
import { parseCommit, parseTree } from '../git/object-parse';
import type { GitObject, StoredCommitLinks, TreeEntry } from '../git/types';

const INTERESTING = 1;
const UNINTERESTING = 2;

export interface ObjectsToSend {
  /** Commits, then trees and blobs, each once. */
  oids: string[];
  commits: number;
  /** Bytes already read for some of `oids` (commits and trees). */
  raw: Map<string, GitObject>;
}

/** A commit's links; null when absent or not a commit (an advertised tag, a commit the remote alone has). */
async function commitOrNull(repo: GitRepository, oid: string): Promise<StoredCommitLinks | null> {
  try {
    return await repo.storedCommitLinks(oid);
  } catch {
    return null;
  }
}

/**
 * A commit the push may need: one of ours is read for real (a missing one is damage, GIT_CORRUPT, not a reason to
 * send less), the remote's side is read if it can be.
 */
async function commitFor(repo: GitRepository, oid: string, flag: number): Promise<StoredCommitLinks | null> {
  return flag === INTERESTING ? repo.storedCommitLinks(oid) : commitOrNull(repo, oid);
}

/**
 * Commits reachable from `tips` but not from `haves` (the remote's advertised tips that exist locally), newest first.
 * May include a few the remote has when commit dates are skewed: sending those is harmless.
 */
export async function commitsMissingOnRemote(repo: GitRepository, tips: string[], haves: string[]): Promise<string[]> {
  const flags = new Map<string, number>();
  const queued = new Set<string>();
  const queue = new MaxPriorityQueue<string>();
  let interestingQueued = 0;
  const push = (oid: string, time: number): void => {
    queued.add(oid);
    queue.push(oid, 0, time);
  };
  const enqueue = async (oid: string, flag: number): Promise<void> => {
    const seen = flags.get(oid);
    if (seen === UNINTERESTING || seen === flag) return;
    const commit = await commitFor(repo, oid, flag);
    if (!commit) return;
    if (seen === INTERESTING) {
      // Reached from the remote's side too: it is on the remote after all, and so is its history.
      flags.set(oid, UNINTERESTING);
      if (queued.has(oid)) interestingQueued--;
      else push(oid, commit.time);
      return;
    }
    flags.set(oid, flag);
    if (flag === INTERESTING) interestingQueued++;
    push(oid, commit.time);
  };
  // The remote's tips are often dozens of branches the board never read: read them all at once, not in turn.
  await Promise.all([...haves, ...tips].map((oid) => commitOrNull(repo, oid)));
  // Parents past a shallow clone's boundary are not here: the walk stops there, as git's does.
  const parentsOf = (oid: string, parents: string[]) => (repo.isShallow(oid) ? [] : parents);
  for (const oid of haves) await enqueue(oid, UNINTERESTING);
  for (const oid of tips) await enqueue(oid, INTERESTING);
  const result: string[] = [];
  while (interestingQueued > 0) {
    const oid = queue.pop()!;
    queued.delete(oid);
    const flag = flags.get(oid)!;
    if (flag === INTERESTING) {
      interestingQueued--;
      result.push(oid);
    }
    const commit = await repo.storedCommitLinks(oid);
    for (const parent of parentsOf(oid, commit.parents)) await enqueue(parent, flag);
  }
  // A commit taken as new before the remote's side reached it is on the remote after all.
  return result.filter((oid) => flags.get(oid) === INTERESTING);
}

/** What the diff collects: the objects to send in order, and the raw bytes of those it already read. */
interface Collected {
  added: Set<string>;
  out: string[];
  raw: Map<string, GitObject>;
}

/** Adds the trees and blobs of `treeOid` that none of `parentTrees` holds at the same path. */
async function addTreeDifference(repo: GitRepository, treeOid: string, parentTrees: string[], collected: Collected): Promise<void> {
  const { added, out, raw } = collected;
  if (parentTrees.includes(treeOid) || added.has(treeOid)) return;
  added.add(treeOid);
  out.push(treeOid);
  // The new tree is read raw (the pack needs its bytes); the parents' come parsed from the tree cache.
  const [object, parents] = await Promise.all([repo.readObject(treeOid), Promise.all(parentTrees.map((oid) => repo.readStoredTree(oid)))]);
  raw.set(treeOid, object);
  const entries = parseTree(treeOid, object.content);
  const parentMaps = parents.map((list) => new Map(list.map((entry) => [entry.path, entry] as const)));
  const subtrees: Promise<void>[] = [];
  for (const entry of entries) {
    const before = parentMaps.map((map) => map.get(entry.path)).filter((e): e is TreeEntry => e !== undefined);
    if (before.some((e) => e.oid === entry.oid)) continue;
    if (entry.type === 'tree') {
      subtrees.push(addTreeDifference(repo, entry.oid, before.filter((e) => e.type === 'tree').map((e) => e.oid), collected));
    } else if (entry.type === 'blob' && !added.has(entry.oid)) {
      added.add(entry.oid);
      out.push(entry.oid);
    }
    // Submodule entries (type 'commit') name commits of another repository: nothing to send.
  }
  await Promise.all(subtrees);
}

/**
 * Every object the remote needs to accept `tips`, given the advertised tips it already has (`haves`); commits
 * first. `raw` holds the bytes of the commits and trees read on the way, so the pack does not read them again.
 */
export async function objectsToSend(repo: GitRepository, tips: string[], haves: string[]): Promise<ObjectsToSend> {
  const commits = await commitsMissingOnRemote(repo, tips, haves);
  const collected: Collected = { added: new Set(commits), out: [...commits], raw: new Map() };
  // Commits are diffed concurrently: `added` is checked and set before any await, so each object goes in once.
  await Promise.all(
    commits.map(async (oid) => {
      const object = await repo.readObject(oid);
      collected.raw.set(oid, object);
      const commit = parseCommit(oid, object.content);
      // A parent sent too, or on the remote: ours, so a missing one is damage (past a shallow boundary, none is read).
      const parents = repo.isShallow(oid) ? [] : await Promise.all(commit.parents.map((parent) => repo.storedCommitLinks(parent)));
      await addTreeDifference(repo, commit.tree, parents.map((info) => info.tree), collected);
    }),
  );
  return { oids: collected.out, commits: commits.length, raw: collected.raw };
}
