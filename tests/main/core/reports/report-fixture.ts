// A real repository initialised by the app, and the reports' sources built from the same real parts (workspace,
// board, drafts), with check results, run records and a forecast handed in where a test needs them.

import { join } from 'node:path';
import { createFleetApp, type FleetApp } from '../../../../src/main/core/app';
import { createDispatcher, type ContractDispatcher } from '../../../../src/main/api';
import { BoardLoader } from '../../../../src/main/core/board/board';
import { ModuleDocuments } from '../../../../src/main/core/docs/module-docs';
import { WorkspaceDocuments } from '../../../../src/main/core/docs/workspace-docs';
import { DraftStore } from '../../../../src/main/core/drafts/draft-store';
import { workspaceDataDir } from '../../../../src/main/core/paths';
import type { ReportSources } from '../../../../src/main/core/reports/report-service';
import { Workspace } from '../../../../src/main/core/workspace/workspace';
import type { CheckResult } from '../../../../src/shared/types-checks';
import type { MergeForecast } from '../../../../src/shared/types-merge';
import type { RunRecord } from '../../../../src/shared/types-agents';
import { execFileSync } from 'node:child_process';
import { commitFiles, git, GIT_ENV, initRepo, makeTempDir, writeFiles } from '../../../helpers/git';

export interface ReportRepo {
  dir: string;
  appDataDir: string;
  app: FleetApp;
  call: ContractDispatcher['call'];
}

/** A repository with a little code on main, initialised (manifest and module branches) by the real app. */
export async function initialisedRepo(apps: FleetApp[]): Promise<ReportRepo> {
  const dir = initRepo();
  commitFiles(dir, { 'README.md': '# fleet\n', 'src/fleet/FleetPage.tsx': 'export {}\n', 'api/routes/fleet.ts': 'export {}\n' }, 'first', '2026-01-01T10:00:00Z');
  const appDataDir = makeTempDir('fleet-appdata-');
  const app = createFleetApp({ appDataDir, transport: 'browser', version: 'test', watch: false, log: () => undefined });
  apps.push(app);
  await app.openWorkspace(dir);
  await app.initWorkspace({});
  const dispatcher = createDispatcher(app.handlers, () => undefined);
  return { dir, appDataDir, app, call: (method, input) => dispatcher.call(method, input) };
}

export interface SourceInputs {
  checks?: CheckResult[];
  runs?: RunRecord[];
  forecast?: MergeForecast;
}

/** The reports' sources over the repository, sharing the app's drafts folder. */
export async function reportSourcesFor(repo: ReportRepo, inputs: SourceInputs = {}): Promise<ReportSources> {
  const workspace = await Workspace.open(repo.dir);
  const drafts = new DraftStore(join(workspaceDataDir(repo.appDataDir, workspace.path), 'drafts'));
  const board = new BoardLoader(workspace, () => docs.listDrafts());
  const docs: ModuleDocuments = new ModuleDocuments(workspace, drafts, (id) => board.findModule(id), () => undefined);
  const workspaceDocs = new WorkspaceDocuments(workspace, drafts);
  return {
    workspace: () => workspace,
    board: () => board.load(),
    findModule: (id) => board.findModule(id),
    docs: () => docs,
    workspaceDocs: () => workspaceDocs,
    runs: async () => inputs.runs ?? [],
    checks: async () => inputs.checks ?? [],
    forecast: async () => {
      if (!inputs.forecast) throw new Error('no forecast in this test');
      return inputs.forecast;
    },
    version: 'test',
    now: () => new Date('2026-11-24T09:30:00Z'),
  };
}

/** Unwraps a dispatcher answer, failing the test with main's error. */
export function value<T>(envelope: { ok: boolean; value?: unknown; error?: unknown }): T {
  if (!envelope.ok) throw new Error(`call failed: ${JSON.stringify(envelope.error)}`);
  return envelope.value as T;
}

/** A finished run record of `moduleId` costing `costUsd`. */
export function runRecord(moduleId: string, costUsd: number, runId: string): RunRecord {
  return {
    runId, batchId: 'batch-1', moduleId, kind: 'as-is', provider: 'xai', model: 'grok-4', state: 'succeeded',
    queuedAt: '2026-11-20T10:00:00.000Z', startedAt: '2026-11-20T10:00:01.000Z', finishedAt: '2026-11-20T10:00:09.000Z', durationMs: 8000,
    tokensIn: 1000, tokensOut: 500, usageReported: true, costUsd, filesSent: [], filesTruncated: [], filesOmitted: 0,
    promptHash: null, outputHash: null, outputChars: 100, finishReason: 'stop', attempts: 1, baseTip: null, baseBlobId: null,
    replacedDraftSavedAs: null, commit: null, error: null,
  };
}

export interface BranchChange {
  files: Record<string, string>;
  message: string;
  /** "Name|email"; default the test identity. */
  author?: string;
  date?: string;
}

/** Commits on `branch` from a linked work tree with the git CLI, as a developer would; the work tree is removed after. */
export function commitOnBranch(repo: ReportRepo, branch: string, changes: BranchChange[]): void {
  const tree = makeTempDir('fleet-worktree-');
  git(repo.dir, 'worktree', 'add', '-q', tree, branch);
  for (const change of changes) {
    writeFiles(tree, change.files);
    git(tree, 'add', '-A');
    const env: NodeJS.ProcessEnv = { ...GIT_ENV };
    if (change.author) [env.GIT_AUTHOR_NAME, env.GIT_AUTHOR_EMAIL] = change.author.split('|');
    if (change.date) env.GIT_AUTHOR_DATE = env.GIT_COMMITTER_DATE = change.date;
    execFileSync('git', ['commit', '-q', '-m', change.message], { cwd: tree, env });
  }
  git(repo.dir, 'worktree', 'remove', '--force', tree);
}
