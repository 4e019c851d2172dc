// The pure rules of editing a committed document: what counts as a change, what to do with a draft found
// when a document opens, and what a moved branch means for each edited document.

import type { DocRef } from './docRef';

/** The document as committed on its branch when editing began (or was last reconciled). */
export interface DocBase {
  path: string;
  /** 'missing' when the branch holds no such file yet. */
  state: string;
  blobId: string | null;
  /** Null when the document is missing or not UTF-8 text. */
  content: string | null;
  binary: boolean;
  /** The branch tip the base was read at: the expected tip of the next commit. Null: no branch yet. */
  branchTip: string | null;
}

/** The branch moved under an edit that changed the same document: base / theirs / mine. */
export interface Conflict {
  /** The tip the edit started from. */
  expected: string | null;
  /** The document at `expected`; null when unknown (or missing there). */
  baseText: string | null;
  /** The document as it is on the branch now. */
  theirs: DocBase;
}

export interface DraftLike {
  content: string;
  baseBlobId: string | null;
  baseTip: string | null;
  savedAt: string;
}

/** The text a commit would replace: the branch's version (theirs while merging). */
export function committedText(base: DocBase, conflict: Conflict | null): string {
  return (conflict ? conflict.theirs.content : base.content) ?? '';
}

/** The tip a commit of this document must expect. */
export function expectedTip(base: DocBase, conflict: Conflict | null): string | null {
  return conflict ? conflict.theirs.branchTip : base.branchTip;
}

/** True when the editor's text differs from what the branch holds, or a merge is still open. */
export function hasChanges(session: { base: DocBase | null; text: string; conflict: Conflict | null }): boolean {
  if (!session.base || session.base.binary) return false;
  return session.conflict !== null || session.text !== committedText(session.base, session.conflict);
}

export type DraftDecision =
  /** No draft: the editor starts from the committed text. */
  | { kind: 'none' }
  /** The draft holds nothing new (or the document cannot be edited): drop it. */
  | { kind: 'stale' }
  /** The document did not change on the branch since the draft began: restore it on the current tip. */
  | { kind: 'restore' }
  /** The document changed on the branch since the draft began: merge base / theirs / mine. */
  | { kind: 'merge' };

/**
 * What to do with the draft found when a document opens. A moved tip alone does not call for a merge:
 * when the document's blob is still the one the draft started from, the draft simply moves onto the new tip.
 */
export function reconcileDraft(base: DocBase, draft: DraftLike | null): DraftDecision {
  if (!draft) return { kind: 'none' };
  if (base.binary) return { kind: 'stale' };
  if (draft.content === (base.content ?? '')) return { kind: 'stale' };
  if (draft.baseBlobId === base.blobId) return { kind: 'restore' };
  return { kind: 'merge' };
}

/**
 * After BRANCH_MOVED: is this document's edit still safe on the new tip (nobody else changed the document),
 * or does the user have to merge? `theirs` is the document read again from the branch.
 */
export function afterBranchMoved(base: DocBase, conflict: Conflict | null, theirs: DocBase): 'rebase' | 'conflict' {
  const against = conflict ? conflict.theirs : base;
  return theirs.blobId === against.blobId && theirs.binary === against.binary ? 'rebase' : 'conflict';
}

/** Which of the documents on screen go into the commit: those with changes, in screen order. */
export function changedRefs<T extends { ref: DocRef; base: DocBase | null; text: string; conflict: Conflict | null }>(sessions: readonly T[]): T[] {
  return sessions.filter((s) => hasChanges(s));
}
