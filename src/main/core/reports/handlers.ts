// The reports methods of the contract: the implementation log and the HTML export answer at once; a workspace
// report runs as a job ('report'), since the merge strategy waits for the conflict forecast.

import type { FleetHandlers } from '../../../shared/contract';
import type { reportsMethods } from '../../../shared/contract-reports';
import type { CheckResult } from '../../../shared/types-checks';
import type { ModuleDeployState } from '../../../shared/types-deploy';
import type { MergeForecast } from '../../../shared/types-merge';
import type { AgentService } from '../agents/agent-service';
import type { BoardLoader } from '../board/board';
import { readCheckResults } from '../checks/check-store';
import type { ModuleDocuments } from '../docs/module-docs';
import type { WorkspaceDocuments } from '../docs/workspace-docs';
import type { JobRunner } from '../jobs';
import { forecastMerges } from '../merge/forecast';
import type { Workspace } from '../workspace/workspace';
import { exportHtmlReport, generateImplementationLog, generateWorkspaceReport, type ReportSources } from './report-service';

type ReportHandlers = Pick<FleetHandlers, keyof typeof reportsMethods>;

export interface ReportHandlerContext {
  /** The open workspace's parts; throws NO_WORKSPACE when none is open. */
  current(): { workspace: Workspace; board: BoardLoader; docs: ModuleDocuments; workspaceDocs: WorkspaceDocuments };
  agents: AgentService;
  jobs: JobRunner;
  version: string;
  /** The app-data folder, where the check results are kept. */
  appDataDir: string;
  /** The open workspace's implementation runs (their cost counts with the document runs'). */
  implementRuns?: () => Promise<Array<{ moduleId: string; costUsd: number }>>;
  /** Every module's latest check result (default: the check store of the open workspace). */
  checks?: () => Promise<CheckResult[]>;
  /** Per module, the environments it was deployed to (the summary's Deployed column). */
  moduleDeployments?: () => Promise<ModuleDeployState[]>;
  /** The conflict forecast (default: every module against the default merge target). */
  forecast?: (signal: AbortSignal, onProgress: (done: number, total: number, message: string) => void) => Promise<MergeForecast>;
}

/** The report sources of the open workspace, from the app's own parts. */
export function reportSources(context: ReportHandlerContext): ReportSources {
  return {
    workspace: () => context.current().workspace,
    board: () => context.current().board.load(),
    findModule: (moduleId) => context.current().board.findModule(moduleId),
    docs: () => context.current().docs,
    workspaceDocs: () => context.current().workspaceDocs,
    runs: async () => [...(await context.agents.forCurrent()).listRuns({}).runs, ...((await context.implementRuns?.()) ?? [])],
    checks: context.checks ?? (() => readCheckResults(context.current().workspace, context.appDataDir)),
    ...(context.moduleDeployments ? { moduleDeployments: context.moduleDeployments } : {}),
    forecast: context.forecast ?? ((signal, onProgress) => forecastMerges(context.current().workspace, undefined, { signal, onProgress })),
    version: context.version,
  };
}

/** Handlers for every reports method of the contract. */
export function createReportHandlers(context: ReportHandlerContext): ReportHandlers {
  const sources = reportSources(context);
  return {
    generateImplementationLog: ({ moduleId }) => generateImplementationLog(sources, moduleId),
    generateWorkspaceReport: async ({ name }) => {
      // An uninitialised workspace (no workspace branch) is refused now, not as a failed job.
      await sources.workspaceDocs().read(name);
      const jobId = context.jobs.start(
        'report',
        (job) => generateWorkspaceReport(sources, name, job.signal, (done, total, message) => job.progress(done, total, message)),
        (draft) => draft,
      );
      return { jobId };
    },
    exportHtmlReport: () => exportHtmlReport(sources),
  };
}
