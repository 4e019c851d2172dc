// GitRepository: the one door to a repository's objects and refs for the whole core (never imports electron).

import { join } from 'node:path';
import { FleetError } from '../../../shared/errors';
import { LoadingCache } from './byte-lru-cache';
import { CommitGraph } from './commit-graph';
import { HistoryWalker, type WalkCommit, type WalkSource } from './history-walk';
import { discoverLayout, type RepositoryLayout } from './layout';
import { ObjectStore } from './object-store';
import { ObjectWriter } from './object-writer';
import { parseCommit, parseTree } from './object-parse';
import { readGitConfig } from './git-config';
import { readGitText } from './git-file-read';
import { isMissingObjectError, missingObjectError, partialCloneOf, type PartialClone } from './missing-objects';
import { isOid, requireOid } from './oid';
import { compareAndSwapRef, type RefUpdateOptions } from './ref-update';
import { updateRefsTogether, type AppliedRefChange, type RefChange, type RefTransactionOptions } from './ref-transaction';
import { reflogIdentity, type ReflogIdentity } from './reflog';
import { readReplacements, replacementOf, sameReplacements, type Replacements } from './replace-refs';
import { RefStore } from './refs';
import { buildTree, hashObject } from './tree-format';
import { TreeStore } from './tree-store';
import { updateTree, type TreeChange } from './tree-update';
import { checkedOutBranches, checkedOutError } from './worktrees';
import type { AheadBehind, CommitInfo, GitObject, HeadInfo, NewCommit, StoredCommitLinks, TreeEntry } from './types';

const COMMIT_CACHE_BYTES = 32 * 1024 * 1024;

/** How a local branch may be written: every write of `refs/heads/*` refuses a branch a working tree holds. */
export interface BranchWriteOptions {
  /** What the write is, for the refusal's sentence ("committing to it here"). */
  doing?: string;
  /** The caller made this repository and owns its only working tree (the demo's history before its checkout). */
  ownsWorkingTrees?: boolean;
}

const BRANCH_PREFIX = 'refs/heads/';

/** Rough memory of a parsed commit: its strings plus the object around them. */
function commitWeight(commit: CommitInfo): number {
  return 400 + 2 * (commit.message.length + commit.author.name.length + commit.committer.name.length) + 90 * commit.parents.length;
}

/** A repository opened for reading objects and refs and for writing objects and compare-and-swap ref updates. */
export class GitRepository {
  readonly workdir: string | null;
  readonly gitdir: string;
  readonly commondir: string;
  readonly bare: boolean;
  /** One isomorphic-git cache per repository, for callers that use isomorphic-git directly (push, fetch). */
  readonly isoGitCache: object = {};

  private readonly objects: ObjectStore;
  private readonly writer: ObjectWriter;
  private readonly refs: RefStore;
  private trees: TreeStore;
  private walker: HistoryWalker;
  /** What history walks read of a commit (shallow-aware parents, date, commit-graph generation), for other walks too. */
  readonly walkSource: WalkSource;
  private readonly commitGraph: CommitGraph;
  private commitGraphStale = true;
  private identity: Promise<ReflogIdentity> | null = null;
  private commits = new LoadingCache<CommitInfo>(COMMIT_CACHE_BYTES, commitWeight);
  /** The replace refs in effect (refs/replace/*): history reads see the replacement objects, as git's do. */
  private replacements: Replacements = new Map();
  private replacementsStale = true;
  private replacementsRead: Promise<void> | null = null;
  /** Counts changes of the replace refs in effect: caches of history answers made under another count are stale. */
  historyEpoch = 0;

  private constructor(
    private readonly layout: RepositoryLayout,
    private readonly shallow: Set<string>,
    /** The promisor remotes when this is a partial clone: a missing object is then one not fetched yet. */
    readonly partialClone: PartialClone | null,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.workdir = layout.workdir;
    this.gitdir = layout.gitdir;
    this.commondir = layout.commondir;
    this.bare = layout.bare;
    this.objects = new ObjectStore(join(layout.commondir, 'objects'));
    this.writer = new ObjectWriter(layout.commondir);
    this.refs = new RefStore(layout);
    this.trees = this.newTreeStore();
    this.commitGraph = new CommitGraph(join(layout.commondir, 'objects'));
    this.walkSource = {
      commit: (oid) => this.walkCommit(oid),
      graphGeneration: (oid) => (this.replacements.size > 0 ? Infinity : this.commitGraph.generation(oid)),
      // A shallow history's graph does not describe the cut-off parents, nor a replaced one the grafted parents (git
      // ignores its commit-graph when replace refs are in effect): generations are then computed from the parents.
      prepareGenerations: async () => {
        await this.currentReplacements();
        if (this.shallow.size > 0 || this.replacements.size > 0) return false;
        await this.graphLoaded();
        return this.commitGraph.available;
      },
    };
    this.walker = new HistoryWalker(this.walkSource);
  }

  /**
   * Opens the repository whose top folder (or bare folder) is `path`: PATH_NOT_FOUND, NOT_A_REPO otherwise. `env` is
   * where GIT_NO_REPLACE_OBJECTS and GIT_REPLACE_REF_BASE are read, as git reads them.
   */
  static async open(path: string, options: { env?: NodeJS.ProcessEnv } = {}): Promise<GitRepository> {
    const layout = await discoverLayout(path);
    const config = await readGitConfig(join(layout.commondir, 'config'));
    const repo = new GitRepository(layout, new Set(readGitText(join(layout.commondir, 'shallow')).split('\n').filter(isOid)), partialCloneOf(config), options.env ?? process.env);
    repo.objects.prepare();
    return repo;
  }

  private newTreeStore(): TreeStore {
    return new TreeStore((oid) => this.readStored(replacementOf(this.replacements, oid)));
  }

  /** Reads the replace refs again when refs may have changed; a change drops every cache built on the old ones. */
  private currentReplacements(): Promise<void> | undefined {
    if (!this.replacementsStale) return undefined;
    this.replacementsRead ??= (async () => {
      this.replacementsStale = false;
      try {
        const found = await readReplacements(this.layout, this.env);
        if (sameReplacements(found, this.replacements)) return;
        this.replacements = found;
        this.commits = new LoadingCache<CommitInfo>(COMMIT_CACHE_BYTES, commitWeight);
        this.trees = this.newTreeStore();
        this.walker = new HistoryWalker(this.walkSource);
        this.historyEpoch++;
      } finally {
        this.replacementsRead = null;
      }
    })();
    return this.replacementsRead;
  }

  /** How many objects replace refs replace (0 when the repository uses none, or GIT_NO_REPLACE_OBJECTS is set). */
  async replacedObjects(): Promise<number> {
    await this.currentReplacements();
    return this.replacements.size;
  }

  /**
   * Any object by id, packed or loose; the content is shared: do not modify it. Absent: OBJECT_NOT_FETCHED in a
   * partial clone, GIT_CORRUPT otherwise, naming `path` when given and the operation running.
   */
  async readObject(oid: string, path?: string): Promise<GitObject> {
    return this.readStored(requireOid(oid), path);
  }

  private async readStored(oid: string, path?: string): Promise<GitObject> {
    const found = await this.objects.tryRead(oid);
    if (found) return found;
    const unreadableIndexes = await this.objects.unreadableIndexes();
    throw missingObjectError({ oid, path, repoPath: this.workdir ?? this.gitdir, partial: this.partialClone, unreadableIndexes });
  }

  /** True when the object exists. */
  async hasObject(oid: string): Promise<boolean> {
    return isOid(oid) && this.objects.has(oid);
  }

  /** A commit's tree, parents, people and message as history commands see it (through replace refs); cached by id. */
  async readCommit(oid: string): Promise<CommitInfo> {
    requireOid(oid, 'commit id');
    const pending = this.currentReplacements();
    if (pending) await pending;
    return this.commits.get(oid, async () => {
      const object = await this.readStored(replacementOf(this.replacements, oid));
      if (object.type !== 'commit') throw new FleetError('INVALID_INPUT', `${oid} is a ${object.type}, not a commit.`, { oid });
      return parseCommit(oid, object.content);
    });
  }

  /** A commit as stored, whatever replace refs say: what a push sends and what its parents really are. */
  async readStoredCommit(oid: string): Promise<CommitInfo> {
    await this.currentReplacements();
    if (!this.replacements.has(requireOid(oid, 'commit id'))) return this.readCommit(oid);
    const object = await this.readStored(oid);
    if (object.type !== 'commit') throw new FleetError('INVALID_INPUT', `${oid} is a ${object.type}, not a commit.`, { oid });
    return parseCommit(oid, object.content);
  }

  /**
   * A commit's parents, committer time and tree as stored, whatever replace refs say (what a push walks): from the
   * commit-graph when it lists the commit, without inflating it, as git's own push reads it; else read.
   */
  async storedCommitLinks(oid: string): Promise<StoredCommitLinks> {
    requireOid(oid, 'commit id');
    await this.graphLoaded();
    const known = this.commitGraph.commit(oid);
    if (known) return { parents: known.parents, time: known.time, tree: known.tree };
    const commit = await this.readStoredCommit(oid);
    return { parents: commit.parents, time: commit.committer.timestamp, tree: commit.tree };
  }

  private async graphLoaded(): Promise<void> {
    if (!this.commitGraphStale) return;
    await this.commitGraph.refresh();
    this.commitGraphStale = false;
  }

  /** True when `oid` is at a shallow clone's boundary (listed in `shallow`): its parents are not in this repository. */
  isShallow(oid: string): boolean {
    return this.shallow.has(oid);
  }

  /** A commit's parents as history walks see them: none past a shallow clone's boundary (git's walks stop there too). */
  historyParents(commit: CommitInfo): string[] {
    return this.shallow.has(commit.oid) ? [] : commit.parents;
  }

  /** True for a shallow clone (a `shallow` file listing boundary commits). */
  get shallowClone(): boolean {
    return this.shallow.size > 0;
  }

  private async walkCommit(oid: string): Promise<WalkCommit> {
    const pending = this.currentReplacements();
    if (pending) await pending;
    // With no replace ref in effect, the commit-graph's record is the commit: walks take it from there, as git's do.
    const known = this.replacements.size === 0 ? this.commitGraph.commit(oid) : null;
    // Its generation is the one graphGeneration would look up again (0: the writer computed none).
    if (known) return { parents: this.shallow.has(oid) ? [] : known.parents, time: known.time, generation: known.generation || Infinity };
    const commit = await this.readCommit(oid);
    return { parents: this.shallow.has(oid) ? [] : commit.parents, time: commit.committer.timestamp, generation: this.walkSource.graphGeneration(oid) };
  }

  /** A tree's entries in stored order (through replace refs, as git reads it); cached by id. */
  async readTree(oid: string): Promise<TreeEntry[]> {
    requireOid(oid, 'tree id');
    const pending = this.currentReplacements();
    if (pending) await pending;
    return this.trees.readTree(oid);
  }

  /** A tree as stored, whatever replace refs say (what a push sends). */
  async readStoredTree(oid: string): Promise<TreeEntry[]> {
    await this.currentReplacements();
    if (!this.replacements.has(requireOid(oid, 'tree id'))) return this.readTree(oid);
    const object = await this.readStored(oid);
    if (object.type !== 'tree') throw new FleetError('INVALID_INPUT', `${oid} is a ${object.type}, not a tree.`, { oid });
    return parseTree(oid, object.content);
  }

  /** A blob's bytes (read for `path`, which a missing-object error names); INVALID_INPUT for another kind of object. Shared: do not modify. */
  async readBlob(oid: string, path?: string): Promise<Buffer> {
    await this.currentReplacements();
    const object = await this.readStored(replacementOf(this.replacements, requireOid(oid)), path);
    if (object.type !== 'blob') throw new FleetError('INVALID_INPUT', `${oid} is a ${object.type}, not a file's content.`, { oid });
    return object.content;
  }

  /** HEAD of this work tree: the branch's short name (also when unborn) or detached, and its commit. */
  async readHead(): Promise<HeadInfo> {
    return this.refs.readHead();
  }

  /** The oid of 'HEAD', a full ref name, or a short branch name; null when absent. Cached until invalidateRefs(). */
  async resolveRef(name: string): Promise<string | null> {
    return this.refs.resolve(name);
  }

  /** Every local branch: short name -> oid (loose refs override packed-refs). */
  async listBranches(): Promise<Map<string, string>> {
    return this.refs.listBranches();
  }

  /** Compare-and-swap of `ref` with git's lock protocol: BRANCH_MOVED if it no longer holds `expectedOld`, LOCKED if held. */
  async updateRef(ref: string, newOid: string, expectedOld: string | null, reflogMessage: string, options?: RefUpdateOptions & BranchWriteOptions): Promise<void> {
    requireOid(newOid, 'new value');
    this.refuseHeldBranches([ref], options);
    if (ref.startsWith(BRANCH_PREFIX)) await this.readCommit(newOid);
    else if (!(await this.hasObject(newOid))) throw new FleetError('GIT_CORRUPT', `Cannot point ${ref} at ${newOid}: no such object.`, { ref, oid: newOid });
    try {
      this.identity ??= reflogIdentity(this.commondir);
      const identity = options?.identity ?? (await this.identity);
      await compareAndSwapRef(this.layout, ref, newOid, expectedOld, reflogMessage, { ...options, identity });
    } catch (error) {
      // The ref may have moved under us (BRANCH_MOVED): cached values are not to be trusted any more.
      this.refs.invalidate();
      throw error;
    }
    this.refs.noteUpdated(ref, newOid);
  }

  /**
   * Several ref changes as one transaction (all or none; see updateRefsTogether), such as the remote-tracking refs
   * after a push or fetch. GIT_CORRUPT before anything is locked when a new value names a missing object.
   */
  async updateRefs(changes: RefChange[], reflogMessage: string, options?: RefTransactionOptions & BranchWriteOptions): Promise<AppliedRefChange[]> {
    this.refuseHeldBranches(changes.map((change) => change.ref), options);
    await Promise.all(
      changes.map(async ({ ref, newOid }) => {
        if (newOid === null) return;
        if (ref.startsWith('refs/heads/')) await this.readCommit(newOid);
        else if (!(await this.hasObject(newOid))) throw new FleetError('GIT_CORRUPT', `Cannot point ${ref} at ${newOid}: no such object.`, { ref, oid: newOid });
      }),
    );
    let applied: AppliedRefChange[];
    try {
      this.identity ??= reflogIdentity(this.commondir);
      const identity = options?.identity ?? (await this.identity);
      applied = await updateRefsTogether(this.layout, changes, reflogMessage, { ...options, identity });
    } catch (error) {
      this.refs.invalidate();
      throw error;
    }
    if (applied.some((change) => change.newOid === null)) this.refs.invalidate();
    else for (const { ref, newOid } of applied) this.refs.noteUpdated(ref, newOid!);
    return applied;
  }

  /** BRANCH_CHECKED_OUT when a local branch among `refs` is held by any working tree (see git/worktrees.ts). */
  private refuseHeldBranches(refs: string[], options: BranchWriteOptions | undefined): void {
    const branches = refs.filter((ref) => ref.startsWith(BRANCH_PREFIX)).map((ref) => ref.slice(BRANCH_PREFIX.length));
    if (options?.ownsWorkingTrees || branches.length === 0) return;
    const held = checkedOutBranches(this.commondir);
    for (const branch of branches) {
      const hold = held.get(branch);
      if (hold) throw checkedOutError(hold, options?.doing ?? 'moving it here');
    }
  }

  /** Forgets cached ref values and looks for a new commit-graph on the next walk (call when .git changes on disk). */
  invalidateRefs(): void {
    this.refs.invalidate();
    this.replacementsStale = true;
    this.commitGraphStale = true;
    this.identity = null;
  }

  /** Writes a blob; returns its id. */
  async writeBlob(content: Buffer | string): Promise<string> {
    return this.writer.writeBlob(content);
  }

  /** Writes a tree (entries in any order); returns its id. */
  async writeTree(entries: TreeEntry[]): Promise<string> {
    const { oid, written } = this.startTreeWrite(entries);
    await written;
    return oid;
  }

  /** Computes a tree's id from its bytes at once and starts writing it; INVALID_INPUT before anything is written. */
  private startTreeWrite(entries: TreeEntry[]): { oid: string; written: Promise<void> } {
    const { sorted, content } = buildTree(entries);
    const written = this.writer.writeTreeContent(content);
    const oid = hashObject('tree', content);
    const checked = written.then((stored) => {
      if (stored !== oid) throw new FleetError('INTERNAL', `A tree was stored as ${stored}, expected ${oid}.`, { stored, expected: oid });
      this.trees.remember(oid, sorted);
    });
    return { oid, written: checked };
  }

  /** Writes a commit; returns its id. */
  async writeCommit(commit: NewCommit): Promise<string> {
    const oid = await this.writer.writeCommit(commit);
    if (!this.commits.has(oid)) {
      const committer = commit.committer ?? commit.author;
      const message = commit.message.replace(/\r/g, '').replace(/^\n+/, '').replace(/\n+$/, '') + '\n';
      this.commits.set(oid, { oid, tree: commit.tree, parents: [...commit.parents], author: { ...commit.author }, committer: { ...committer }, message });
    }
    return oid;
  }

  /** The entry at 'a/b/c.md' below tree `treeOid`, or null. */
  async entryAtPath(treeOid: string, path: string): Promise<TreeEntry | null> {
    await this.currentReplacements();
    try {
      return await this.trees.entryAtPath(requireOid(treeOid, 'tree id'), path);
    } catch (error) {
      // A folder the clone never fetched (`--filter=tree:0`): say which path it was on the way to.
      if (!isMissingObjectError(error) || error.data?.path !== undefined) throw error;
      throw missingObjectError({ oid: String(error.data!.oid), path, onTheWay: true, repoPath: this.workdir ?? this.gitdir, partial: this.partialClone });
    }
  }

  /** Every file path below `treeOid`, recursively, like `git ls-tree -r --name-only`; cached per tree. */
  async listFiles(treeOid: string): Promise<string[]> {
    await this.currentReplacements();
    return this.trees.listFiles(requireOid(treeOid, 'tree id'));
  }

  /** A new root tree with `changes` applied (path -> blob oid or file with mode, or null to delete); writes only the trees that change. */
  async updateTree(baseTreeOid: string, changes: Record<string, TreeChange>): Promise<string> {
    return updateTree({ readTree: (oid) => this.readTree(oid), startTreeWrite: (entries) => this.startTreeWrite(entries) }, baseTreeOid, changes);
  }

  /** Commits only in `a` (ahead) and only in `b` (behind): `git rev-list --left-right --count a...b`. Cached per pair. */
  async aheadBehind(a: string, b: string): Promise<AheadBehind> {
    await this.currentReplacements();
    return this.walker.aheadBehind(requireOid(a, 'commit id'), requireOid(b, 'commit id'));
  }

  /** Commits reachable from `a` but not from `b` (`git rev-list b..a`), in no particular order; not cached. */
  async commitsOnlyIn(a: string, b: string): Promise<string[]> {
    await this.currentReplacements();
    return this.walker.onlyIn(requireOid(a, 'commit id'), requireOid(b, 'commit id'));
  }

  /** The commit's generation (1 for a root, else one more than its highest parent): the commit-graph's, or computed once. */
  async generation(oid: string): Promise<number> {
    await this.walkSource.prepareGenerations();
    return this.walker.generations.of(requireOid(oid, 'commit id'));
  }

  /** True when `ancestor` is `descendant` or one of its ancestors. */
  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    await this.currentReplacements();
    return this.walker.isAncestor(requireOid(ancestor, 'commit id'), requireOid(descendant, 'commit id'));
  }

  /** Closes open pack files; the repository reopens them if used again. */
  async close(): Promise<void> {
    return this.objects.close();
  }
}
