// The module's other documents for a run's context: the unsaved draft when there is one (a batch's AS-IS run
// leaves one for its TO-BE run), else the committed text; untouched templates are left out.

import { DOC_KINDS, moduleDocPath, type DocKind } from '../../../../shared/documents';
import type { Workspace } from '../../workspace/workspace';
import type { ModuleDocuments } from '../../docs/module-docs';
import { templateBlobId } from '../../docs/templates';
import { isUtf8Text } from '../../docs/doc-state';
import { parseFrontMatter } from '../../docs/front-matter';
import type { ModuleSnapshot } from './module-files';

export interface ContextDocument {
  kind: DocKind;
  source: 'committed' | 'draft';
  /** The body without front matter. */
  text: string;
}

/** Every document of the module except `except`, in the documents' usual order. */
export async function documentsForContext(workspace: Workspace, docs: ModuleDocuments, snapshot: ModuleSnapshot, except: DocKind): Promise<ContextDocument[]> {
  const { repo, manifest } = workspace;
  const tipTree = snapshot.branchTip ? (await repo.readCommit(snapshot.branchTip)).tree : null;
  const result: ContextDocument[] = [];
  for (const kind of DOC_KINDS) {
    if (kind === except) continue;
    const draft = await docs.getDraft(snapshot.module.id, kind);
    if (draft && draft.content.trim()) {
      result.push({ kind, source: 'draft', text: parseFrontMatter(draft.content).body.trim() });
      continue;
    }
    if (!tipTree) continue;
    const entry = await repo.entryAtPath(tipTree, moduleDocPath(manifest.docsFolder, snapshot.module.id, kind));
    if (!entry || entry.type !== 'blob' || entry.oid === templateBlobId(snapshot.module, kind)) continue;
    const bytes = await repo.readBlob(entry.oid);
    if (!isUtf8Text(bytes)) continue;
    const body = parseFrontMatter(bytes.toString('utf8')).body.trim();
    if (body) result.push({ kind, source: 'committed', text: body });
  }
  return result;
}
