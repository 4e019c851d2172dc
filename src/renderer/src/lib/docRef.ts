// Which document an editor session is about: one of a module's five documents, or a workspace document.

import type { DocKind, WorkspaceDocName } from '../../../shared/documents';

export type DocRef = { scope: 'module'; moduleId: string; kind: DocKind } | { scope: 'workspace'; name: WorkspaceDocName };

/** A stable key per document: 'module:fleet-hub/as-is', 'workspace:USER_GUIDE.md'. */
export function docKey(ref: DocRef): string {
  return ref.scope === 'module' ? `module:${ref.moduleId}/${ref.kind}` : `workspace:${ref.name}`;
}

export function moduleDoc(moduleId: string, kind: DocKind): DocRef {
  return { scope: 'module', moduleId, kind };
}

export function workspaceDoc(name: WorkspaceDocName): DocRef {
  return { scope: 'workspace', name };
}

/** True when both documents live on the same branch, so one commit can hold them both. */
export function sameBranch(a: DocRef, b: DocRef): boolean {
  if (a.scope === 'module' && b.scope === 'module') return a.moduleId === b.moduleId;
  return a.scope === 'workspace' && b.scope === 'workspace';
}
