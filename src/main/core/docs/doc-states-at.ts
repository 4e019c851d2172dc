// The states of a module's documents as committed at one commit, for callers outside the board (the merge
// forecast) that need them at a module tip without loading the whole board.

import { DOC_FILE_NAMES, DOC_KINDS, type DocKind, type DocState } from '../../../shared/documents';
import type { ModuleDef } from '../../../shared/manifest';
import type { GitRepository } from '../git/repository';
import { committedDocState } from './doc-state';
import { templateBlobId } from './templates';

/** Each document's state at `commit` (missing where the file is not there), by the same rule as the board's. */
export async function docStatesAt(repo: GitRepository, docsFolder: string, module: Pick<ModuleDef, 'id' | 'title'>, commit: string): Promise<Record<DocKind, DocState>> {
  const folder = await repo.entryAtPath((await repo.readCommit(commit)).tree, `${docsFolder}/${module.id}`);
  const entries = folder?.type === 'tree' ? await repo.readTree(folder.oid) : [];
  const states = {} as Record<DocKind, DocState>;
  for (const kind of DOC_KINDS) {
    const entry = entries.find((e) => e.path === DOC_FILE_NAMES[kind] && e.type === 'blob');
    const templateId = templateBlobId(module, kind);
    if (!entry) states[kind] = 'missing';
    else if (entry.oid === templateId) states[kind] = 'template';
    else states[kind] = committedDocState(kind, entry.oid, templateId, await repo.readBlob(entry.oid));
  }
  return states;
}

/** The kinds that are not written (missing or still their template), in the documents' order. */
export function unwrittenKinds(states: Partial<Record<DocKind, DocState>>): DocKind[] {
  return DOC_KINDS.filter((kind) => states[kind] !== 'written' && states[kind] !== 'approved');
}
