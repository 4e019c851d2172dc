// One set of calls for both kinds of document: module documents (on their module branch) and workspace
// documents (on the workspace branch) are read, drafted and committed through the same five functions.

import type { DocumentContent, WorkspaceDocumentContent } from '../../../shared/types';
import { api } from '../api';
import { docKey, type DocRef } from './docRef';
import type { DocBase, DraftLike } from './docSession';

export interface CommitOutcome {
  commit: string;
  parent: string;
  /** Blob id per document key, where main reported it. */
  blobIds: Record<string, string | undefined>;
}

function fromContent(doc: DocumentContent | WorkspaceDocumentContent): DocBase {
  return { path: doc.path, state: doc.state, blobId: doc.blobId, content: doc.content, binary: doc.binary, branchTip: doc.branchTip };
}

export async function readDoc(ref: DocRef): Promise<DocBase> {
  return fromContent(ref.scope === 'module' ? await api.readDocument({ moduleId: ref.moduleId, kind: ref.kind }) : await api.readWorkspaceDocument({ name: ref.name }));
}

export async function getDraft(ref: DocRef): Promise<DraftLike | null> {
  return ref.scope === 'module' ? api.getDraft({ moduleId: ref.moduleId, kind: ref.kind }) : api.getWorkspaceDraft({ name: ref.name });
}

export async function saveDraft(ref: DocRef, content: string, base: DocBase): Promise<string> {
  const common = { content, baseBlobId: base.blobId, baseTip: base.branchTip };
  const saved =
    ref.scope === 'module' ? await api.saveDraft({ moduleId: ref.moduleId, kind: ref.kind, ...common }) : await api.saveWorkspaceDraft({ name: ref.name, ...common });
  return saved.savedAt;
}

export async function discardDraft(ref: DocRef): Promise<void> {
  if (ref.scope === 'module') await api.discardDraft({ moduleId: ref.moduleId, kind: ref.kind });
  else await api.discardWorkspaceDraft({ name: ref.name });
}

/** The document as it was at `commit` (module documents only; workspace documents answer null). */
export async function readDocAt(ref: DocRef, commit: string): Promise<string | null> {
  if (ref.scope !== 'module') return null;
  const version = await api.readDocumentVersion({ moduleId: ref.moduleId, kind: ref.kind, target: { type: 'commit', commit } });
  return version.content;
}

/** One commit holding every change; all refs must live on the same branch. */
export async function commitDocs(changes: Array<{ ref: DocRef; content: string }>, expectedTip: string, message: string): Promise<CommitOutcome> {
  const first = changes[0]!.ref;
  if (first.scope === 'workspace') {
    if (changes.length !== 1) throw new Error('Workspace documents are committed one at a time.');
    const result = await api.commitWorkspaceDocument({ name: first.name, expectedTip, content: changes[0]!.content, message });
    return { commit: result.commit, parent: result.parent, blobIds: {} };
  }
  const moduleChanges = changes.map((c) => {
    if (c.ref.scope !== 'module' || c.ref.moduleId !== first.moduleId) throw new Error('One commit holds documents of one module only.');
    return { kind: c.ref.kind, content: c.content };
  });
  const result = await api.commitDocuments({ moduleId: first.moduleId, expectedTip, changes: moduleChanges, message });
  const blobIds: CommitOutcome['blobIds'] = {};
  for (const c of changes) if (c.ref.scope === 'module') blobIds[docKey(c.ref)] = result.blobIds[c.ref.kind];
  return { commit: result.commit, parent: result.parent, blobIds };
}
