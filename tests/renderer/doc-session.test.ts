import { describe, expect, it } from 'vitest';
import { moduleDoc } from '../../src/renderer/src/lib/docRef';
import {
  afterBranchMoved,
  changedRefs,
  committedText,
  expectedTip,
  hasChanges,
  reconcileDraft,
  type DocBase,
} from '../../src/renderer/src/lib/docSession';

const TIP_A = 'a'.repeat(40);
const TIP_B = 'b'.repeat(40);

function base(overrides: Partial<DocBase> = {}): DocBase {
  return { path: 'enhancements/fleet-hub/AS_IS_ANALYSIS.md', state: 'template', blobId: 'blob-1', content: '# As-is\n', binary: false, branchTip: TIP_A, ...overrides };
}

const draft = (content: string, baseBlobId: string | null, baseTip: string | null = TIP_A) => ({ content, baseBlobId, baseTip, savedAt: '2026-03-01T10:00:00.000Z' });

describe('what counts as a change', () => {
  it('is a change when the text differs from the committed document, and not when it is the same again', () => {
    expect(hasChanges({ base: base(), text: '# As-is\n', conflict: null })).toBe(false);
    expect(hasChanges({ base: base(), text: '# As-is\n\nMore.\n', conflict: null })).toBe(true);
  });

  it('treats a missing document as empty: typing into it is a change, leaving it empty is not', () => {
    const missing = base({ state: 'missing', blobId: null, content: null });
    expect(hasChanges({ base: missing, text: '', conflict: null })).toBe(false);
    expect(hasChanges({ base: missing, text: '# New\n', conflict: null })).toBe(true);
  });

  it('never offers to commit a document that is not text', () => {
    expect(hasChanges({ base: base({ binary: true, content: null }), text: 'anything', conflict: null })).toBe(false);
  });

  it('keeps an open merge pending until it is committed, and compares with theirs meanwhile', () => {
    const theirs = base({ blobId: 'blob-2', content: '# Theirs\n', branchTip: TIP_B });
    const conflict = { expected: TIP_A, baseText: '# As-is\n', theirs };
    expect(hasChanges({ base: base(), text: '# Theirs\n', conflict })).toBe(true);
    expect(committedText(base(), conflict)).toBe('# Theirs\n');
    expect(expectedTip(base(), conflict)).toBe(TIP_B);
    expect(expectedTip(base(), null)).toBe(TIP_A);
  });

  it('commits only the sides that changed, in screen order', () => {
    const asIs = { ref: moduleDoc('fleet-hub', 'as-is'), base: base(), text: '# As-is\n', conflict: null };
    const toBe = { ref: moduleDoc('fleet-hub', 'to-be'), base: base({ content: '# To-be\n' }), text: '# To-be, changed\n', conflict: null };
    expect(changedRefs([asIs, toBe]).map((s) => s.ref)).toEqual([moduleDoc('fleet-hub', 'to-be')]);
    expect(changedRefs([{ ...asIs, text: 'x' }, toBe])).toHaveLength(2);
  });
});

describe('a draft found when a document opens', () => {
  it('starts from the committed text when there is no draft', () => {
    expect(reconcileDraft(base(), null)).toEqual({ kind: 'none' });
  });

  it('drops a draft that holds nothing new', () => {
    expect(reconcileDraft(base(), draft('# As-is\n', 'blob-1'))).toEqual({ kind: 'stale' });
  });

  it('restores a draft whose document is unchanged on the branch, even when the branch moved (another document changed)', () => {
    expect(reconcileDraft(base(), draft('# As-is, edited\n', 'blob-1'))).toEqual({ kind: 'restore' });
    expect(reconcileDraft(base({ branchTip: TIP_B }), draft('# As-is, edited\n', 'blob-1', TIP_A))).toEqual({ kind: 'restore' });
  });

  it('goes to the merge when the document itself changed on the branch since the draft began', () => {
    expect(reconcileDraft(base({ blobId: 'blob-2', branchTip: TIP_B }), draft('# As-is, edited\n', 'blob-1', TIP_A))).toEqual({ kind: 'merge' });
    // A document created elsewhere while a draft for the missing document waited.
    expect(reconcileDraft(base(), draft('# Mine\n', null, TIP_A))).toEqual({ kind: 'merge' });
  });

  it('restores a draft of a document that is still missing', () => {
    expect(reconcileDraft(base({ blobId: null, content: null, state: 'missing' }), draft('# New\n', null))).toEqual({ kind: 'restore' });
  });

  it('drops drafts of documents that are not text (they cannot be edited here)', () => {
    expect(reconcileDraft(base({ binary: true, content: null }), draft('text', 'blob-1'))).toEqual({ kind: 'stale' });
  });
});

describe('after the branch moved', () => {
  it('moves the edit onto the new tip when nobody changed the document', () => {
    expect(afterBranchMoved(base(), null, base({ branchTip: TIP_B }))).toBe('rebase');
  });

  it('asks for a merge when the document changed', () => {
    expect(afterBranchMoved(base(), null, base({ blobId: 'blob-2', branchTip: TIP_B }))).toBe('conflict');
  });

  it('mid-merge, compares with the version being merged against, not with the original base', () => {
    const theirs = base({ blobId: 'blob-2', branchTip: TIP_B });
    const conflict = { expected: TIP_A, baseText: '# As-is\n', theirs };
    expect(afterBranchMoved(base(), conflict, { ...theirs, branchTip: 'c'.repeat(40) })).toBe('rebase');
    expect(afterBranchMoved(base(), conflict, { ...theirs, blobId: 'blob-3' })).toBe('conflict');
  });
});
