// The five module documents and the workspace documents, with their file names.

export const DOC_KINDS = ['as-is', 'to-be', 'implementation-log', 'test-plan', 'summary'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export const DOC_FILE_NAMES: Record<DocKind, string> = {
  'as-is': 'AS_IS_ANALYSIS.md',
  'to-be': 'TO_BE_DESIGN.md',
  'implementation-log': 'IMPLEMENTATION_LOG.md',
  'test-plan': 'TEST_PLAN.md',
  summary: 'ENHANCEMENT_SUMMARY.md',
};

export const WORKSPACE_DOC_FILE_NAMES = [
  'FLEET_ENHANCEMENT_SUMMARY.md',
  'PERFORMANCE_BENCHMARKS.md',
  'USER_GUIDE.md',
  'API_DOCUMENTATION.md',
  'DEPLOYMENT_RUNBOOK.md',
  'MERGE_STRATEGY.md',
] as const;
export type WorkspaceDocName = (typeof WORKSPACE_DOC_FILE_NAMES)[number];

export const DOC_STATES = ['missing', 'template', 'written', 'approved'] as const;
export type DocState = (typeof DOC_STATES)[number];

export const PHASES = ['analysis', 'design', 'implementation', 'testing', 'ready', 'merged'] as const;
export type Phase = (typeof PHASES)[number];

/** Path of a module document inside the repository, e.g. enhancements/fleet-hub/AS_IS_ANALYSIS.md. */
export function moduleDocPath(docsFolder: string, moduleId: string, kind: DocKind): string {
  return `${docsFolder}/${moduleId}/${DOC_FILE_NAMES[kind]}`;
}

/**
 * True for a module that is merged while some of its documents are not written (missing or still templates): a git
 * fact that is never "done". The board and the reports show it as "Merged (documents not written)", counted apart.
 */
export function mergedUnwritten(card: { phase: Phase; docs: ReadonlyArray<{ state: DocState }> }): boolean {
  return card.phase === 'merged' && card.docs.some((d) => d.state !== 'written' && d.state !== 'approved');
}
