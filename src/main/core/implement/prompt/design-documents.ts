// The module's documents an implementation run works from, as committed at the commit the run starts from: the
// TO-BE design (required: missing or not written, still a template, is DESIGN_MISSING), AS-IS and TEST_PLAN when written.

import { moduleDocPath, type DocKind } from '../../../../shared/documents';
import { FleetError } from '../../../../shared/errors';
import type { ModuleDef } from '../../../../shared/manifest';
import type { Workspace } from '../../workspace/workspace';
import type { ContextDocument } from '../../agents/context/documents';
import { isUtf8Text } from '../../docs/doc-state';
import { parseFrontMatter } from '../../docs/front-matter';
import { hasRealContent } from '../../docs/doc-content';
import { templateBlobId } from '../../docs/templates';

/** The order the model reads them in: the design first, since a tight budget cuts the last ones. */
const KINDS: DocKind[] = ['to-be', 'test-plan', 'as-is'];

/** The body of the committed document, or null when it is missing, not text, or not written (still its template). */
async function committedBody(workspace: Workspace, module: ModuleDef, tree: string, kind: DocKind): Promise<string | null> {
  const { repo, manifest } = workspace;
  const path = moduleDocPath(manifest.docsFolder, module.id, kind);
  const entry = await repo.entryAtPath(tree, path);
  if (!entry || entry.type !== 'blob' || entry.oid === templateBlobId(module, kind)) return null;
  const bytes = await repo.readBlob(entry.oid, path);
  if (!isUtf8Text(bytes)) return null;
  const text = bytes.toString('utf8');
  if (!hasRealContent(kind, text)) return null;
  return parseFrontMatter(text).body.trim() || null;
}

/** The written documents at `tree` (TO-BE first); DESIGN_MISSING naming the module and the path when there is no TO-BE. */
export async function designDocuments(workspace: Workspace, module: ModuleDef, tree: string): Promise<ContextDocument[]> {
  const documents: ContextDocument[] = [];
  for (const kind of KINDS) {
    const text = await committedBody(workspace, module, tree, kind);
    if (text !== null) documents.push({ kind, source: 'committed', text });
    else if (kind === 'to-be') {
      const path = moduleDocPath(workspace.manifest.docsFolder, module.id, kind);
      throw new FleetError(
        'DESIGN_MISSING',
        `${module.title} (${module.id}) has no TO-BE design to implement: write ${path} on its branch and commit it (it is missing or still its template: every section filled, or its placeholders gone, counts as written).`,
        { moduleId: module.id, path },
      );
    }
  }
  return documents;
}
