// Workspace-level documents (FLEET_ENHANCEMENT_SUMMARY.md and the rest), committed on the workspace branch
// in the documents folder, edited and drafted like module documents.

import type { WorkspaceDocName } from '../../../shared/documents';
import type { CommitResult, WorkspaceDocumentContent, WorkspaceDraft } from '../../../shared/types';
import { FleetError } from '../../../shared/errors';
import type { Workspace } from '../workspace/workspace';
import type { DraftStore } from '../drafts/draft-store';
import { commitDocuments } from './commit-docs';
import { isUtf8Text } from './doc-state';

const draftKey = (name: WorkspaceDocName) => `@workspace/${name}`;

export class WorkspaceDocuments {
  constructor(private readonly workspace: Workspace, private readonly drafts: DraftStore) {}

  private path(name: WorkspaceDocName): string {
    return `${this.workspace.manifest.docsFolder}/${name}`;
  }

  private async tip(): Promise<string> {
    const branch = this.workspace.manifest.workspaceBranch;
    const tip = await this.workspace.repo.resolveRef(`refs/heads/${branch}`);
    if (!tip) throw new FleetError('NOT_INITIALISED', `The workspace branch ${branch} does not exist yet: initialise the workspace first.`);
    return tip;
  }

  /** The document as committed on the workspace branch (content null when missing or not text). */
  async read(name: WorkspaceDocName): Promise<WorkspaceDocumentContent> {
    const { repo } = this.workspace;
    const tip = await this.tip();
    const path = this.path(name);
    const entry = await repo.entryAtPath((await repo.readCommit(tip)).tree, path);
    if (!entry || entry.type !== 'blob') return { name, path, state: 'missing', blobId: null, content: null, binary: false, branchTip: tip };
    const bytes = await repo.readBlob(entry.oid, path);
    const text = isUtf8Text(bytes);
    return { name, path, state: 'written', blobId: entry.oid, content: text ? bytes.toString('utf8') : null, binary: !text, branchTip: tip };
  }

  /** Commits the document on the workspace branch by compare-and-swap, then clears its draft. */
  async commit(input: { name: WorkspaceDocName; expectedTip: string; content: string; message: string }): Promise<CommitResult> {
    const branch = this.workspace.manifest.workspaceBranch;
    const path = this.path(input.name);
    const result = await commitDocuments(this.workspace.repo, {
      branch,
      expectedTip: input.expectedTip,
      changes: [{ path, content: input.content }],
      message: input.message.trim() || `Workspace: update ${input.name}`,
    });
    await this.drafts.discard(draftKey(input.name));
    return { branch, commit: result.commit, parent: result.parent, blobIds: {} };
  }

  async getDraft(name: WorkspaceDocName): Promise<WorkspaceDraft | null> {
    const draft = await this.drafts.load(draftKey(name));
    return draft ? { content: draft.content, baseBlobId: draft.baseBlobId, baseTip: draft.baseTip, savedAt: draft.savedAt } : null;
  }

  async saveDraft(input: { name: WorkspaceDocName; content: string; baseBlobId: string | null; baseTip: string | null }): Promise<{ savedAt: string }> {
    const saved = await this.drafts.save({ key: draftKey(input.name), content: input.content, baseBlobId: input.baseBlobId, baseTip: input.baseTip });
    return { savedAt: saved.savedAt };
  }

  async discardDraft(name: WorkspaceDocName): Promise<{ discarded: boolean }> {
    const existed = (await this.drafts.load(draftKey(name))) !== null;
    await this.drafts.discard(draftKey(name));
    return { discarded: existed };
  }
}
