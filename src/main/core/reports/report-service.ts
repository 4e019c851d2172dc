// Generates the reports from the repository and the app's records: the implementation log into the module
// document's draft, the workspace reports into the workspace documents' drafts (never committed here: the user
// reviews and commits them like any document), and the HTML export as text.

import type { BoardState } from '../../../shared/types';
import type { CheckResult } from '../../../shared/types-checks';
import type { ModuleDeployState } from '../../../shared/types-deploy';
import type { MergeForecast } from '../../../shared/types-merge';
import type { RunCost } from './workspace-facts';
import type { GeneratedWorkspaceDoc, HtmlReport, ImplementationLogDraft, WorkspaceReportDraft } from '../../../shared/types-reports';
import type { ModuleDef } from '../../../shared/manifest';
import { FleetError } from '../../../shared/errors';
import type { ModuleDocuments } from '../docs/module-docs';
import type { WorkspaceDocuments } from '../docs/workspace-docs';
import { readModuleDocument } from '../docs/read-document';
import type { Workspace } from '../workspace/workspace';
import { readBranchHistory } from './branch-history';
import { placeGenerated } from './generated-section';
import { renderHtmlReport } from './html-report';
import { freshLog, freshWorkspaceReport } from './fresh-documents';
import { renderLogSection } from './implementation-log';
import { renderMergeStrategySection } from './merge-strategy-report';
import { renderSummarySection } from './summary-report';
import { workspaceFacts } from './workspace-facts';
import { renderRunbookSection } from './deployment-runbook';
import { readDeploymentRecords } from '../deploy/deploy-log';

/** Commits an implementation log describes one by one; older ones are counted (the log says so). */
export const LOG_COMMIT_LIMIT = 500;

/** Where the reports read from; injected so tests and the CLI pass the real parts, and pending features plug in. */
export interface ReportSources {
  workspace(): Workspace;
  board(): Promise<BoardState>;
  findModule(moduleId: string): ModuleDef;
  docs(): ModuleDocuments;
  workspaceDocs(): WorkspaceDocuments;
  /** Every agent run record of the workspace. */
  /** Every agent run's module and cost: document runs and implementation runs. */
  runs(): Promise<RunCost[]>;
  /** Every module's latest check result. */
  checks(): Promise<CheckResult[]>;
  /** Per module, the environments its changes were deployed to (absent: no deployed column is filled). */
  moduleDeployments?(): Promise<ModuleDeployState[]>;
  /** The conflict forecast of every module branch against the default merge target. */
  forecast(signal: AbortSignal, onProgress: (done: number, total: number, message: string) => void): Promise<MergeForecast>;
  version: string;
  now?: () => Date;
}

/** A report states the repository as it is now: branch tips are read again, even if the watcher missed a change. */
function freshRefs(workspace: Workspace): void {
  workspace.repo.invalidateRefs();
}

/** (Re)generates the module's IMPLEMENTATION_LOG.md from its branch's own commits into the document's draft. */
export async function generateImplementationLog(sources: ReportSources, moduleId: string): Promise<ImplementationLogDraft> {
  const workspace = sources.workspace();
  freshRefs(workspace);
  await workspace.refreshManifest();
  const module = sources.findModule(moduleId);
  const { repo, manifest } = workspace;
  const branch = `${manifest.branchPrefix}${module.id}`;
  const tip = await repo.resolveRef(`refs/heads/${branch}`);
  if (!tip) throw new FleetError('MODULE_BRANCH_MISSING', `The branch ${branch} does not exist, so there is no history to log. Initialise the workspace to create it again.`, { branch });
  const baseTip = await repo.resolveRef(`refs/heads/${manifest.baseBranch}`);
  if (!baseTip) throw new FleetError('BASE_BRANCH_MISSING', `The base branch "${manifest.baseBranch}" does not exist.`, { baseBranch: manifest.baseBranch });

  const [history, checks] = await Promise.all([
    readBranchHistory(repo, { tip, baseTip, docsFolder: manifest.docsFolder, limit: LOG_COMMIT_LIMIT }),
    sources.checks(),
  ]);
  const section = renderLogSection({ branch, tip, baseBranch: manifest.baseBranch, history, check: checks.find((c) => c.moduleId === module.id) });

  const docs = sources.docs();
  const [committed, draft] = await Promise.all([readModuleDocument(workspace, module, 'implementation-log'), docs.getDraft(module.id, 'implementation-log')]);
  if (!draft && committed.binary) throw new FleetError('INVALID_INPUT', `${committed.path} is not text, so the log cannot be written into it. Replace it with a text file first.`, { path: committed.path });
  const current = draft?.content ?? committed.content;
  const untouched = !draft && (committed.state === 'template' || committed.state === 'missing');
  const placed = placeGenerated(current, untouched, section, (s) => freshLog(module, s));
  const base = draft ? { baseBlobId: draft.baseBlobId, baseTip: draft.baseTip } : { baseBlobId: committed.blobId, baseTip: committed.branchTip };
  const result = { moduleId: module.id, kind: 'implementation-log' as const, commits: history.commits.length, truncated: history.truncated, keptUserText: placed.keptUserText, ...base };
  if (!draft && placed.text === committed.content) {
    // Nothing new: a draft equal to the committed text would only show as an edit that changes nothing.
    return { ...result, content: placed.text, savedAt: (sources.now?.() ?? new Date()).toISOString(), changed: false };
  }
  const saved = await docs.saveDraft({ moduleId: module.id, kind: 'implementation-log', content: placed.text, ...base });
  return { ...result, content: placed.text, savedAt: saved.savedAt, changed: placed.text !== current };
}

/** Generates FLEET_ENHANCEMENT_SUMMARY.md or MERGE_STRATEGY.md from the workspace's state into its draft. */
export async function generateWorkspaceReport(
  sources: ReportSources,
  name: GeneratedWorkspaceDoc,
  signal: AbortSignal,
  onProgress: (done: number, total: number, message: string) => void,
): Promise<WorkspaceReportDraft> {
  const workspace = sources.workspace();
  freshRefs(workspace);
  await workspace.refreshManifest();
  const workspaceDocs = sources.workspaceDocs();
  // Read first: an uninitialised workspace is refused before any work.
  const [committed, draft] = await Promise.all([workspaceDocs.read(name), workspaceDocs.getDraft(name)]);
  let section: string;
  if (name === 'DEPLOYMENT_RUNBOOK.md') {
    onProgress(0, 1, 'Reading the environments and the deployment log');
    section = renderRunbookSection(workspace.manifest, await readDeploymentRecords(workspace));
  } else if (name === 'MERGE_STRATEGY.md') {
    const forecast = await sources.forecast(signal, onProgress);
    section = renderMergeStrategySection(forecast, new Map(workspace.manifest.modules.map((m) => [m.id, m.title])));
  } else {
    onProgress(0, 1, 'Reading the board, check results, agent runs and deployments');
    const [board, runs, checks, deployed] = await Promise.all([sources.board(), sources.runs(), sources.checks(), sources.moduleDeployments?.() ?? []]);
    section = renderSummarySection(workspaceFacts(board, runs, checks, deployed));
  }
  if (signal.aborted) throw new FleetError('CANCELLED', `Generating ${name} was cancelled; its draft is unchanged.`);
  if (!draft && committed.binary) throw new FleetError('INVALID_INPUT', `${committed.path} is not text, so the report cannot be written into it.`, { path: committed.path });
  const current = draft?.content ?? committed.content;
  const placed = placeGenerated(current, !draft && committed.state === 'missing', section, (s) => freshWorkspaceReport(name, s));
  const base = draft ? { baseBlobId: draft.baseBlobId, baseTip: draft.baseTip } : { baseBlobId: committed.blobId, baseTip: committed.branchTip };
  onProgress(1, 1, `Saving the draft of ${name}`);
  if (!draft && placed.text === committed.content) {
    return { name, content: placed.text, savedAt: (sources.now?.() ?? new Date()).toISOString(), keptUserText: placed.keptUserText, changed: false, ...base };
  }
  const saved = await workspaceDocs.saveDraft({ name, content: placed.text, ...base });
  return { name, content: placed.text, savedAt: saved.savedAt, keptUserText: placed.keptUserText, changed: placed.text !== current, ...base };
}

/** The board, check results and agent costs as one self-contained HTML file. */
export async function exportHtmlReport(sources: ReportSources): Promise<HtmlReport> {
  freshRefs(sources.workspace());
  const [board, runs, checks] = await Promise.all([sources.board(), sources.runs(), sources.checks()]);
  const now = sources.now?.() ?? new Date();
  const slug = board.workspace.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'workspace';
  return { fileName: `${slug}-report-${now.toISOString().slice(0, 10)}.html`, html: renderHtmlReport(workspaceFacts(board, runs, checks), now, sources.version) };
}
