// Module documents as the editor sees them: read, drafts, commit (both sides at once), approve, history, compare.
// Paths are computed here from (module, kind), so nothing the renderer sends can reach outside enhancements/<id>/.

import type { CommitResult, CompareTarget, DocumentVersion, DraftInfo, DraftSummary, HistoryEntry } from '../../../shared/types';
import { DOC_KINDS, moduleDocPath, type DocKind } from '../../../shared/documents';
import type { ModuleDef } from '../../../shared/manifest';
import { FleetError } from '../../../shared/errors';
import type { Workspace } from '../workspace/workspace';
import type { DraftStore } from '../drafts/draft-store';
import { commitDocuments } from './commit-docs';
import { isUtf8Text } from './doc-state';
import { setFrontMatterField } from './front-matter';
import { hasRealContent } from './doc-content';
import { personNow, resolveIdentity } from '../workspace/identity';

const MAX_HISTORY_WALK = 2000;

function draftKey(moduleId: string, kind: DocKind): string {
  return `${moduleId}/${kind}`;
}

function parseDraftKey(key: string): { moduleId: string; kind: DocKind } | null {
  const [moduleId, kind] = key.split('/');
  return moduleId && (DOC_KINDS as readonly string[]).includes(kind ?? '') ? { moduleId, kind: kind as DocKind } : null;
}

export class ModuleDocuments {
  constructor(
    private readonly workspace: Workspace,
    private readonly drafts: DraftStore,
    private readonly findModule: (id: string) => ModuleDef,
    private readonly onDraftsChanged: (drafts: DraftSummary[]) => void,
  ) {}

  private branch(moduleId: string): string {
    return `${this.workspace.manifest.branchPrefix}${moduleId}`;
  }

  private path(moduleId: string, kind: DocKind): string {
    return moduleDocPath(this.workspace.manifest.docsFolder, moduleId, kind);
  }

  /** The draft of one document, or null. */
  async getDraft(moduleId: string, kind: DocKind): Promise<DraftInfo | null> {
    this.findModule(moduleId);
    const draft = await this.drafts.load(draftKey(moduleId, kind));
    return draft ? { moduleId, kind, content: draft.content, baseBlobId: draft.baseBlobId, baseTip: draft.baseTip, savedAt: draft.savedAt } : null;
  }

  /** Keeps unsaved text on disk (atomically); a new draft tells every client which documents hold drafts. */
  async saveDraft(input: { moduleId: string; kind: DocKind; content: string; baseBlobId: string | null; baseTip: string | null }): Promise<{ savedAt: string }> {
    this.findModule(input.moduleId);
    const key = draftKey(input.moduleId, input.kind);
    // Saving a draft again changes no board mark: 32 agent runs saving theirs must not send 32 board reloads a second.
    const isNew = !(await this.drafts.keys()).includes(key);
    const saved = await this.drafts.save({ key, content: input.content, baseBlobId: input.baseBlobId, baseTip: input.baseTip });
    if (isNew) this.onDraftsChanged(await this.listDrafts());
    return { savedAt: saved.savedAt };
  }

  /** Throws the draft away. */
  async discardDraft(moduleId: string, kind: DocKind): Promise<{ discarded: boolean }> {
    const existed = (await this.drafts.load(draftKey(moduleId, kind))) !== null;
    await this.drafts.discard(draftKey(moduleId, kind));
    this.onDraftsChanged(await this.listDrafts());
    return { discarded: existed };
  }

  /** Every draft of this workspace, for the board's "unsaved" marks. */
  async listDrafts(): Promise<DraftSummary[]> {
    const result: DraftSummary[] = [];
    for (const key of await this.drafts.keys()) {
      const parsed = parseDraftKey(key);
      if (!parsed) continue;
      const draft = await this.drafts.load(key);
      if (draft) result.push({ ...parsed, savedAt: draft.savedAt });
    }
    return result;
  }

  /** Commits the changed documents as one commit on the module branch (compare-and-swap), then clears their drafts. */
  async commit(input: { moduleId: string; expectedTip: string; changes: Array<{ kind: DocKind; content: string }>; message: string; trailers?: Record<string, string> }): Promise<CommitResult> {
    const module = this.findModule(input.moduleId);
    const kinds = new Set(input.changes.map((c) => c.kind));
    if (kinds.size !== input.changes.length) throw new FleetError('INVALID_INPUT', 'Each document may appear only once in a commit.');
    const branch = this.branch(module.id);
    const message = input.message.trim() || `${module.title}: update ${input.changes.map((c) => c.kind).join(' and ')}`;
    const result = await commitDocuments(this.workspace.repo, {
      branch,
      expectedTip: input.expectedTip,
      changes: input.changes.map((c) => ({ path: this.path(module.id, c.kind), content: c.content })),
      message,
      trailers: input.trailers,
    });
    for (const change of input.changes) await this.drafts.discard(draftKey(module.id, change.kind));
    this.onDraftsChanged(await this.listDrafts());
    const blobIds: CommitResult['blobIds'] = {};
    for (const change of input.changes) blobIds[change.kind] = result.blobIds[this.path(module.id, change.kind)];
    return { branch, commit: result.commit, parent: result.parent, blobIds };
  }

  /** Records (or withdraws) approval in the document's front matter, as a commit; approving a template is DOC_NOT_WRITTEN. */
  async approve(input: { moduleId: string; kind: DocKind; expectedTip: string; approved: boolean }): Promise<CommitResult> {
    const module = this.findModule(input.moduleId);
    const current = await this.readAt(input.expectedTip, this.path(module.id, input.kind));
    if (current.content === null) {
      throw new FleetError('DOC_NOT_FOUND', current.binary ? 'This document is not text; it cannot be approved here.' : 'This document does not exist on its branch yet.');
    }
    if (input.approved && !hasRealContent(input.kind, current.content)) {
      throw new FleetError(
        'DOC_NOT_WRITTEN',
        `${current.path} is still its template: fill every section (or replace the placeholders) and commit it before approving.`,
        { moduleId: module.id, kind: input.kind, path: current.path },
      );
    }
    const identity = await resolveIdentity(this.workspace.repo.commondir);
    const stamp = new Date(personNow(identity).timestamp * 1000).toISOString().slice(0, 10);
    const value = input.approved ? `${stamp} by ${identity.name}` : 'false';
    const content = setFrontMatterField(current.content, 'approved', value);
    return this.commit({
      moduleId: module.id,
      expectedTip: input.expectedTip,
      changes: [{ kind: input.kind, content }],
      message: `${module.title}: ${input.approved ? 'approve' : 'withdraw approval of'} ${input.kind}`,
    });
  }

  /** Commits on the module branch that changed this document, newest first. */
  async history(moduleId: string, kind: DocKind, limit = 50): Promise<HistoryEntry[]> {
    const module = this.findModule(moduleId);
    const { repo } = this.workspace;
    const path = this.path(module.id, kind);
    let oid = await repo.resolveRef(`refs/heads/${this.branch(module.id)}`);
    const entries: HistoryEntry[] = [];
    for (let steps = 0; oid && entries.length < limit && steps < MAX_HISTORY_WALK; steps++) {
      const commit = await repo.readCommit(oid);
      const blob = await repo.entryAtPath(commit.tree, path);
      if (!blob) break;
      const parent = repo.historyParents(commit)[0];
      const parentBlob = parent ? await repo.entryAtPath((await repo.readCommit(parent)).tree, path) : null;
      if (!parentBlob || parentBlob.oid !== blob.oid) {
        entries.push({
          commit: commit.oid,
          author: commit.author.name,
          email: commit.author.email,
          date: new Date(commit.author.timestamp * 1000).toISOString(),
          subject: commit.message.split('\n')[0] ?? '',
          blobId: blob.oid,
        });
      }
      oid = parent ?? null;
    }
    return entries;
  }

  /** The document as it is on the base branch, at an earlier commit, or the same document of another module. */
  async version(moduleId: string, kind: DocKind, target: CompareTarget): Promise<DocumentVersion> {
    const module = this.findModule(moduleId);
    const { repo, manifest } = this.workspace;
    if (target.type === 'base') {
      const tip = await repo.resolveRef(`refs/heads/${manifest.baseBranch}`);
      if (!tip) throw new FleetError('BASE_BRANCH_MISSING', `The base branch "${manifest.baseBranch}" does not exist.`);
      return { ...(await this.readAt(tip, this.path(module.id, kind))), label: manifest.baseBranch };
    }
    if (target.type === 'commit') {
      if (!(await repo.hasObject(target.commit))) throw new FleetError('INVALID_INPUT', `Commit ${target.commit.slice(0, 7)} is not in this repository.`);
      return { ...(await this.readAt(target.commit, this.path(module.id, kind))), label: target.commit.slice(0, 7) };
    }
    const other = this.findModule(target.moduleId);
    const tip = await repo.resolveRef(`refs/heads/${this.branch(other.id)}`);
    const path = this.path(other.id, kind);
    if (!tip) return { label: other.title, path, blobId: null, content: null, binary: false };
    return { ...(await this.readAt(tip, path)), label: other.title };
  }

  private async readAt(commitOid: string, path: string): Promise<DocumentVersion> {
    const { repo } = this.workspace;
    const entry = await repo.entryAtPath((await repo.readCommit(commitOid)).tree, path);
    if (!entry || entry.type !== 'blob') return { label: '', path, blobId: null, content: null, binary: false };
    const bytes = await repo.readBlob(entry.oid, path);
    const text = isUtf8Text(bytes);
    return { label: '', path, blobId: entry.oid, content: text ? bytes.toString('utf8') : null, binary: !text };
  }
}
