// Reads one module document as committed on its module branch.

import type { DocumentContent } from '../../../shared/types';
import { moduleDocPath, type DocKind } from '../../../shared/documents';
import type { ModuleDef } from '../../../shared/manifest';
import type { Workspace } from '../workspace/workspace';
import { templateBlobId } from './templates';
import { committedDocState, isUtf8Text } from './doc-state';

/** The document's text (null when missing or not UTF-8 text) and its state. */
export async function readModuleDocument(workspace: Workspace, module: ModuleDef, kind: DocKind): Promise<DocumentContent> {
  const { repo, manifest } = workspace;
  const path = moduleDocPath(manifest.docsFolder, module.id, kind);
  const tip = await repo.resolveRef(`refs/heads/${manifest.branchPrefix}${module.id}`);
  const missing: DocumentContent = { moduleId: module.id, kind, path, state: 'missing', blobId: null, content: null, binary: false, branchTip: tip };
  if (!tip) return missing;
  const entry = await repo.entryAtPath((await repo.readCommit(tip)).tree, path);
  if (!entry || entry.type !== 'blob') return missing;
  const bytes = await repo.readBlob(entry.oid, path);
  const text = isUtf8Text(bytes);
  return {
    moduleId: module.id,
    kind,
    path,
    state: committedDocState(kind, entry.oid, templateBlobId(module, kind), bytes),
    blobId: entry.oid,
    content: text ? bytes.toString('utf8') : null,
    binary: !text,
    branchTip: tip,
  };
}
