// The editing sessions and save = commit, against an in-memory stand-in for main that keeps one module
// branch (tip, documents) and the drafts, with the contract's compare-and-swap and BRANCH_MOVED.

import { beforeEach, describe, expect, it } from 'vitest';
import type { FleetApi } from '../../src/shared/contract';
import { ApiError } from '../../src/renderer/src/lib/apiClient';
import { connectDocBackend } from '../../src/renderer/src/lib/docBackend';
import { docKey, moduleDoc, workspaceDoc } from '../../src/renderer/src/lib/docRef';
import { approveDocument, commitDocuments } from '../../src/renderer/src/stores/commitFlow';
import { useDocumentsStore } from '../../src/renderer/src/stores/documents';

const fake = (() => {
  type Doc = { content: string; blobId: string };
  const state = {
    tip: 'a'.repeat(40),
    commits: 0,
    docs: new Map<string, Doc>(),
    drafts: new Map<string, { content: string; baseBlobId: string | null; baseTip: string | null; savedAt: string }>(),
    calls: [] as Array<{ method: string; input: Record<string, unknown> }>,
  };
  let blobs = 0;
  const nextTip = () => String(++state.commits).padStart(40, '0');
  const write = (kind: string, content: string) => state.docs.set(kind, { content, blobId: `blob-${++blobs}` });
  const read = (kind: string) => {
    const doc = state.docs.get(kind);
    return { moduleId: 'fleet-hub', kind, path: `enhancements/fleet-hub/${kind}.md`, state: doc ? 'written' : 'missing', blobId: doc?.blobId ?? null, content: doc?.content ?? null, binary: false, branchTip: state.tip };
  };
  const api = {
    readDocument: async ({ kind }: { kind: string }) => read(kind),
    getDraft: async ({ kind }: { kind: string }) => {
      const d = state.drafts.get(kind);
      return d ? { moduleId: 'fleet-hub', kind, ...d } : null;
    },
    saveDraft: async (input: { kind: string; content: string; baseBlobId: string | null; baseTip: string | null }) => {
      state.calls.push({ method: 'saveDraft', input });
      state.drafts.set(input.kind, { content: input.content, baseBlobId: input.baseBlobId, baseTip: input.baseTip, savedAt: new Date().toISOString() });
      return { savedAt: new Date().toISOString() };
    },
    discardDraft: async (input: { kind: string }) => {
      state.calls.push({ method: 'discardDraft', input });
      return { discarded: state.drafts.delete(input.kind) };
    },
    readDocumentVersion: async () => ({ label: 'old', path: '', blobId: 'blob-old', content: '# At the old tip\n', binary: false }),
    commitDocuments: async (input: { expectedTip: string; changes: Array<{ kind: string; content: string }>; message: string }) => {
      state.calls.push({ method: 'commitDocuments', input });
      if (input.expectedTip !== state.tip) throw new ApiError('BRANCH_MOVED', 'moved', { expected: input.expectedTip, actual: state.tip });
      const parent = state.tip;
      for (const c of input.changes) {
        write(c.kind, c.content);
        state.drafts.delete(c.kind);
      }
      state.tip = nextTip();
      return { branch: 'module/fleet-hub', commit: state.tip, parent, blobIds: Object.fromEntries(input.changes.map((c) => [c.kind, state.docs.get(c.kind)!.blobId])) };
    },
    readWorkspaceDocument: async ({ name }: { name: string }) => ({ ...read(name), name, state: state.docs.has(name) ? 'written' : 'missing' }),
    getWorkspaceDraft: async ({ name }: { name: string }) => state.drafts.get(name) ?? null,
    saveWorkspaceDraft: async (input: { name: string; content: string; baseBlobId: string | null; baseTip: string | null }) => {
      state.drafts.set(input.name, { content: input.content, baseBlobId: input.baseBlobId, baseTip: input.baseTip, savedAt: new Date().toISOString() });
      return { savedAt: new Date().toISOString() };
    },
    discardWorkspaceDraft: async ({ name }: { name: string }) => ({ discarded: state.drafts.delete(name) }),
    commitWorkspaceDocument: async (input: { name: string; expectedTip: string; content: string }) => {
      if (input.expectedTip !== state.tip) throw new ApiError('BRANCH_MOVED', 'moved');
      const parent = state.tip;
      write(input.name, input.content);
      state.drafts.delete(input.name);
      state.tip = nextTip();
      // Like main: a workspace commit reports no blob ids.
      return { branch: 'fleet/workspace', commit: state.tip, parent, blobIds: {} };
    },
    approveDocument: async (input: Record<string, unknown>) => {
      state.calls.push({ method: 'approveDocument', input });
      return { branch: 'module/fleet-hub', commit: state.tip, parent: state.tip, blobIds: {} };
    },
  };
  /** Someone commits from a terminal. */
  const commitElsewhere = (kind: string, content: string) => {
    write(kind, content);
    state.tip = nextTip();
  };
  return { state, api, write, commitElsewhere };
})();

connectDocBackend(fake.api as unknown as FleetApi);

const asIs = moduleDoc('fleet-hub', 'as-is');
const toBe = moduleDoc('fleet-hub', 'to-be');
const store = useDocumentsStore.getState;
const session = (ref: typeof asIs) => store().sessions[docKey(ref)]!;

async function type(ref: typeof asIs, text: string): Promise<void> {
  store().patch(docKey(ref), { text });
  await store().flush(docKey(ref));
}

beforeEach(() => {
  store().reset();
  fake.state.docs.clear();
  fake.state.drafts.clear();
  fake.state.calls.length = 0;
  fake.state.tip = 'a'.repeat(40);
  fake.write('as-is', '# As-is\n');
  fake.write('to-be', '# To-be\n');
});

describe('drafts', () => {
  it('keeps each edit as a draft, and a flush with nothing new does not hold up the next save', async () => {
    await store().open(asIs);
    await store().flush(docKey(asIs)); // nothing to store
    await type(asIs, '# As-is, edited\n');
    expect(fake.state.drafts.get('as-is')?.content).toBe('# As-is, edited\n');
    expect(fake.state.drafts.get('as-is')?.baseTip).toBe('a'.repeat(40));
    await type(asIs, '# As-is, edited twice\n');
    expect(fake.state.drafts.get('as-is')?.content).toBe('# As-is, edited twice\n');
  });

  it('throws the draft away when the text is back to the committed one', async () => {
    await store().open(asIs);
    await type(asIs, '# As-is, edited\n');
    await type(asIs, '# As-is\n');
    expect(fake.state.drafts.has('as-is')).toBe(false);
  });

  it('restores a draft on opening, and opens the merge when the document changed on the branch meanwhile', async () => {
    await store().open(asIs);
    await type(asIs, '# Mine\n');
    store().reset();
    await store().open(asIs);
    expect(session(asIs).text).toBe('# Mine\n');
    expect(session(asIs).restoredFrom).not.toBeNull();

    store().reset();
    fake.commitElsewhere('as-is', '# Theirs\n');
    await store().open(asIs);
    expect(session(asIs).text).toBe('# Mine\n');
    expect(session(asIs).conflict?.theirs.content).toBe('# Theirs\n');
    expect(session(asIs).conflict?.baseText).toBe('# At the old tip\n');
  });
});

describe('save = commit', () => {
  it('commits both changed sides in one commit and leaves no draft', async () => {
    await Promise.all([store().open(asIs), store().open(toBe)]);
    await type(asIs, '# As-is, edited\n');
    await type(toBe, '# To-be, edited\n');
    expect(await commitDocuments([docKey(asIs), docKey(toBe)], 'Fleet Hub: both')).toBe('committed');
    const commits = fake.state.calls.filter((c) => c.method === 'commitDocuments');
    expect(commits).toHaveLength(1);
    expect((commits[0]!.input.changes as unknown[]).length).toBe(2);
    expect(fake.state.drafts.size).toBe(0);
    expect(session(asIs).base?.branchTip).toBe(fake.state.tip);
    expect(session(toBe).base?.content).toBe('# To-be, edited\n');
  });

  it('commits only the side that changed', async () => {
    await Promise.all([store().open(asIs), store().open(toBe)]);
    await type(toBe, '# To-be, edited\n');
    await commitDocuments([docKey(asIs), docKey(toBe)], 'Fleet Hub: to-be');
    const commit = fake.state.calls.find((c) => c.method === 'commitDocuments')!;
    expect(commit.input.changes).toEqual([{ kind: 'to-be', content: '# To-be, edited\n' }]);
  });

  it('lands on top when the branch moved but nobody touched the document', async () => {
    await store().open(asIs);
    await type(asIs, '# As-is, edited\n');
    fake.commitElsewhere('test-plan', '# Tests\n');
    expect(await commitDocuments([docKey(asIs)], 'm')).toBe('committed');
    expect(fake.state.docs.get('as-is')?.content).toBe('# As-is, edited\n');
    expect(fake.state.docs.get('test-plan')?.content).toBe('# Tests\n');
  });

  it('refuses to overwrite a document someone else changed: both versions kept, then the merged result commits on their tip', async () => {
    await store().open(asIs);
    await type(asIs, '# Mine\n');
    fake.commitElsewhere('as-is', '# Theirs\n');
    const theirTip = fake.state.tip;

    expect(await commitDocuments([docKey(asIs)], 'm')).toBe('conflict');
    expect(fake.state.docs.get('as-is')?.content).toBe('# Theirs\n');
    expect(fake.state.drafts.get('as-is')?.content).toBe('# Mine\n');
    expect(session(asIs).conflict?.theirs.branchTip).toBe(theirTip);

    await type(asIs, '# Theirs\n# Mine\n');
    // The draft still starts from the old version, so a reload comes back to the merge.
    expect(fake.state.drafts.get('as-is')?.baseTip).toBe('a'.repeat(40));
    expect(await commitDocuments([docKey(asIs)], 'merged')).toBe('committed');
    const last = fake.state.calls.filter((c) => c.method === 'commitDocuments').at(-1)!;
    expect(last.input.expectedTip).toBe(theirTip);
    expect(fake.state.docs.get('as-is')?.content).toBe('# Theirs\n# Mine\n');
    expect(session(asIs).conflict).toBeNull();
  });

  it('a merge that ends up equal to theirs needs no commit', async () => {
    await store().open(asIs);
    await type(asIs, '# Mine\n');
    fake.commitElsewhere('as-is', '# Theirs\n');
    await commitDocuments([docKey(asIs)], 'm');
    await type(asIs, '# Theirs\n');
    const before = fake.state.commits;
    expect(await commitDocuments([docKey(asIs)], 'm')).toBe('nothing');
    expect(fake.state.commits).toBe(before);
    expect(fake.state.drafts.has('as-is')).toBe(false);
  });
});

describe('approval', () => {
  it('is refused while the document has unsaved changes, and recorded on the tip otherwise', async () => {
    await store().open(asIs);
    await type(asIs, '# As-is, edited\n');
    expect(await approveDocument(docKey(asIs), true)).toBe(false);
    expect(session(asIs).error?.code).toBe('UNSAVED_CHANGES');
    expect(fake.state.calls.some((c) => c.method === 'approveDocument')).toBe(false);

    await type(asIs, '# As-is\n');
    expect(await approveDocument(docKey(asIs), true)).toBe(true);
    expect(fake.state.calls.find((c) => c.method === 'approveDocument')?.input).toEqual({ moduleId: 'fleet-hub', kind: 'as-is', expectedTip: 'a'.repeat(40), approved: true });
  });
});

describe('workspace documents', () => {
  it('learn the committed blob id by reading the document back, so a later draft reopens as a plain restore', async () => {
    const guide = workspaceDoc('USER_GUIDE.md');
    await store().open(guide);
    expect(session(guide).base?.state).toBe('missing');
    await type(guide, '# Guide\n');
    expect(await commitDocuments([docKey(guide)], 'Workspace: create USER_GUIDE.md')).toBe('committed');
    await store().reconcile(docKey(guide));
    expect(session(guide).base?.blobId).toBe(fake.state.docs.get('USER_GUIDE.md')?.blobId);

    await type(guide, '# Guide\n\nMore.\n');
    store().reset();
    await store().open(guide);
    expect(session(guide).conflict).toBeNull();
    expect(session(guide).text).toBe('# Guide\n\nMore.\n');
  });
});
