// One set of calls for both kinds of document: module documents (on their module branch) and workspace
// documents (on the workspace branch) are read, drafted and committed through the same few functions.
// The api is handed over by the renderer's entry (tests hand over a stand-in for main).

import type { FleetApi } from '../../../shared/contract';
import type { DocKind } from '../../../shared/documents';
import type { DocumentContent, WorkspaceDocumentContent } from '../../../shared/types';
import { docKey, type DocRef } from './docRef';
import type { DocBase, DraftLike } from './docSession';

export interface CommitOutcome {
  commit: string;
  parent: string;
  /** Blob id per document key, where main reported it. */
  blobIds: Record<string, string | undefined>;
}

let connected: FleetApi | null = null;
/** Names the agent run whose draft a module document holds, so its commit carries the run's provenance. */
let runOfDraft: ((moduleId: string, kind: DocKind) => Promise<string | null>) | null = null;

export function connectRunCommits(resolve: typeof runOfDraft): void {
  runOfDraft = resolve;
}

export function connectDocBackend(api: FleetApi): void {
  connected = api;
}

function client(): FleetApi {
  if (!connected) throw new Error('The document backend is not connected to main.');
  return connected;
}

function fromContent(doc: DocumentContent | WorkspaceDocumentContent): DocBase {
  return { path: doc.path, state: doc.state, blobId: doc.blobId, content: doc.content, binary: doc.binary, branchTip: doc.branchTip };
}

export async function readDoc(ref: DocRef): Promise<DocBase> {
  const api = client();
  return fromContent(ref.scope === 'module' ? await api.readDocument({ moduleId: ref.moduleId, kind: ref.kind }) : await api.readWorkspaceDocument({ name: ref.name }));
}

export async function getDraft(ref: DocRef): Promise<DraftLike | null> {
  const api = client();
  return ref.scope === 'module' ? api.getDraft({ moduleId: ref.moduleId, kind: ref.kind }) : api.getWorkspaceDraft({ name: ref.name });
}

export async function saveDraft(ref: DocRef, content: string, base: DocBase): Promise<string> {
  const api = client();
  const common = { content, baseBlobId: base.blobId, baseTip: base.branchTip };
  const saved =
    ref.scope === 'module' ? await api.saveDraft({ moduleId: ref.moduleId, kind: ref.kind, ...common }) : await api.saveWorkspaceDraft({ name: ref.name, ...common });
  return saved.savedAt;
}

export async function discardDraft(ref: DocRef): Promise<void> {
  const api = client();
  if (ref.scope === 'module') await api.discardDraft({ moduleId: ref.moduleId, kind: ref.kind });
  else await api.discardWorkspaceDraft({ name: ref.name });
}

/** The document as it was at `commit` (module documents only; workspace documents answer null). */
export async function readDocAt(ref: DocRef, commit: string): Promise<string | null> {
  if (ref.scope !== 'module') return null;
  const version = await client().readDocumentVersion({ moduleId: ref.moduleId, kind: ref.kind, target: { type: 'commit', commit } });
  return version.content;
}

/** One commit holding every change; all refs must live on the same branch. */
export async function commitDocs(changes: Array<{ ref: DocRef; content: string }>, expectedTip: string, message: string): Promise<CommitOutcome> {
  const api = client();
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
  const runId = moduleChanges.length === 1 && runOfDraft ? await runOfDraft(first.moduleId, moduleChanges[0]!.kind).catch(() => null) : null;
  const result = runId
    ? await api.commitRun({ runId, expectedTip, content: moduleChanges[0]!.content, message })
    : await api.commitDocuments({ moduleId: first.moduleId, expectedTip, changes: moduleChanges, message });
  const blobIds: CommitOutcome['blobIds'] = {};
  for (const c of changes) if (c.ref.scope === 'module') blobIds[docKey(c.ref)] = result.blobIds[c.ref.kind];
  return { commit: result.commit, parent: result.parent, blobIds };
}

/** Records approval (or withdraws it) in a module document's front matter, as a commit expecting `expectedTip`. */
export async function approveDoc(ref: DocRef, expectedTip: string, approved: boolean): Promise<void> {
  if (ref.scope !== 'module') throw new Error('Only module documents are approved.');
  await client().approveDocument({ moduleId: ref.moduleId, kind: ref.kind, expectedTip, approved });
}
