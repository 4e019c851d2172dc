// The reports part of the contract: the implementation log from the module branch's history, the workspace
// reports from the workspace's state (a job: the merge strategy waits for the conflict forecast), the HTML export.

import { z } from 'zod';
import { SlugSchema } from './manifest';
import { Empty, out } from './contract-kit';
import type { JobStarted } from './types';
import { GENERATED_WORKSPACE_DOCS, type HtmlReport, type ImplementationLogDraft } from './types-reports';

export const reportsMethods = {
  /** (Re)generates the module's IMPLEMENTATION_LOG.md into its draft; text outside the generated section is kept. */
  generateImplementationLog: { input: z.object({ moduleId: SlugSchema }).strict(), output: out<ImplementationLogDraft>() },
  /** Starts generating FLEET_ENHANCEMENT_SUMMARY.md or MERGE_STRATEGY.md into its draft; jobFinished carries the draft. */
  generateWorkspaceReport: { input: z.object({ name: z.enum(GENERATED_WORKSPACE_DOCS) }).strict(), output: out<JobStarted>() },
  /** The board as one self-contained HTML file (inline CSS and SVG, no scripts, no external URLs). */
  exportHtmlReport: { input: Empty, output: out<HtmlReport>() },
} as const;

export const reportsEvents = {} as const;
