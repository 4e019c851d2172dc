// What the reports return: generated drafts of the implementation log and the two workspace reports, and the
// board as one self-contained HTML file.

import type { DocKind, WorkspaceDocName } from './documents';

/** The workspace documents Fleet Control can generate from the workspace's actual state. */
export const GENERATED_WORKSPACE_DOCS = ['FLEET_ENHANCEMENT_SUMMARY.md', 'MERGE_STRATEGY.md', 'DEPLOYMENT_RUNBOOK.md'] as const satisfies readonly WorkspaceDocName[];
export type GeneratedWorkspaceDoc = (typeof GENERATED_WORKSPACE_DOCS)[number];

/** A generated text saved as the document's draft, for the user to review and commit. */
export interface GeneratedDraft {
  content: string;
  savedAt: string;
  /** The committed blob and branch tip the draft is based on (what a commit of it expects). */
  baseBlobId: string | null;
  baseTip: string | null;
  /** True when text outside the generated section (the user's own) was kept. */
  keptUserText: boolean;
  /** False when the generated section already said this: the draft's text did not change. */
  changed: boolean;
}

export interface ImplementationLogDraft extends GeneratedDraft {
  moduleId: string;
  kind: Extract<DocKind, 'implementation-log'>;
  /** Commits listed: the module branch's own since it forked from the base branch. */
  commits: number;
  /** True when the branch had more commits than a log lists (the oldest were left out, and the log says so). */
  truncated: boolean;
}

export interface WorkspaceReportDraft extends GeneratedDraft {
  name: GeneratedWorkspaceDoc;
}

export interface HtmlReport {
  /** A suggested file name, e.g. fleetops-report-2026-11-24.html. */
  fileName: string;
  html: string;
}
