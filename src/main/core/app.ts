// The application core as plain Node: the open workspace, the board, jobs and events behind the contract.
// Electron, the browser host and the CLI are all callers of this one object.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventName, EventPayload, FleetHandlers } from '../../shared/contract';
import type { BoardState, InitResult, WorkspaceSummary } from '../../shared/types';
import { FleetError } from '../../shared/errors';
import { AGENT_METHOD_NAMES } from '../../shared/names-agents';
import { CHECKS_METHOD_NAMES } from '../../shared/names-checks';
import { DEPLOY_METHOD_NAMES } from '../../shared/names-deploy';
import { CI_REPAIR_METHOD_NAMES } from '../../shared/names-ci-repair';
import { IMPLEMENT_METHOD_NAMES } from '../../shared/names-implement';
import { LAUNCHER_METHOD_NAMES } from '../../shared/names-launcher';
import { MERGE_METHOD_NAMES } from '../../shared/names-merge';
import { PULLS_METHOD_NAMES } from '../../shared/names-pulls';
import { REMOTE_METHOD_NAMES } from '../../shared/names-remotes';
import { REPORTS_METHOD_NAMES } from '../../shared/names-reports';
import { SCOPE_METHOD_NAMES } from '../../shared/names-scope';
import { TRUST_METHOD_NAMES } from '../../shared/names-trust';
import { CI_METHOD_NAMES } from '../../shared/names-ci';
import { REMOTE_BATCH_METHOD_NAMES } from '../../shared/names-remote';
import { RUNNER_METHOD_NAMES } from '../../shared/names-runner';
import type { Paces } from './ci/poll-pace';
import { Workspace } from './workspace/workspace';
import { BoardLoader } from './board/board';
import { CheckStore } from './checks/check-store';
import { readModuleDocument } from './docs/read-document';
import { RecentWorkspaces } from './recent';
import { JobRunner } from './jobs';
import { RepoWatcher } from './repo-watcher';
import { DraftStore } from './drafts/draft-store';
import { ModuleDocuments } from './docs/module-docs';
import { WorkspaceDocuments } from './docs/workspace-docs';
import { workspaceDataDir } from './paths';
import type { AgentService, AgentTuning } from './agents/agent-service';
import { nameProcessOperation, runAsOperation } from './git/missing-objects';
import { FileSecretStore, type SecretStore } from './remotes/secret-store';
import type { RemoteTuning } from './remotes/handlers';
import type { CheckTuning } from './checks/handlers';
import { redact } from './secrets/redactor';
import { registerEnvironmentSecrets, registeringSecretStore } from './secrets/known-secrets';
import { redactingLog } from './secrets/redacting-log';
import type { LauncherOptions } from './launcher/launcher';
import { keyEnvironment } from './launcher/held-secrets';
import type { ImplementService, ImplementTuning } from './implement/service/implement-service';
import type { FollowTuning } from './deploy/methods/follow';
import type { ImplementParts } from './implement/service/parts';
import { lazy, lazyGroup } from './lazy';
import type { CiRepairService } from './ci/repair/repair-service';
import type { CiStatus } from '../../shared/types-ci';
import type { ImplementRun } from '../../shared/types-implement';
import { followingHolds } from './ci/follow-holds';
import { plannedCiOf } from './ci/planned-ci';

export { defaultAppDataDir } from './paths';

export interface FleetAppOptions {
  appDataDir: string;
  transport: 'electron' | 'browser';
  version: string;
  pickFolder?: () => Promise<string | null>;
  log?: (message: string, error?: unknown) => void;
  /** Watch the open repository for changes made elsewhere (default true). */
  watch?: boolean;
  /** Where keys and tokens live (Electron: safeStorage); default a user-only file in the app-data folder. */
  secrets?: SecretStore;
  /** Resume batches a quit interrupted when a workspace opens (the desktop app and `serve`, not `run`); default false. */
  resumeBatches?: boolean;
  /** Agent knobs for tests and the bench (retry delays, draft save interval, environment). */
  agents?: AgentTuning;
  /** Remote knobs for tests and the bench (environment, HTTP client). */
  remotes?: RemoteTuning;
  /** Check knobs for tests (output interval, kill grace). */
  checks?: CheckTuning;
  /** Launcher knobs for tests: the app's environment commands take allow-listed names from, the sandbox, the work root. */
  launcher?: { env?: NodeJS.ProcessEnv } & Pick<LauncherOptions, 'sandbox' | 'workRoot'>;
  /** Deploy knobs for tests: how often a host's run is asked about, how long it may take to start, GitHub's fetch. */
  deploy?: FollowTuning & { fetch?: typeof fetch };
  /** CI knobs for tests: the fetch Octokit uses, the polling paces. */
  ci?: { fetch?: typeof fetch; paces?: Partial<Paces> };
  /** Remote batch knobs for tests and the bench: poll interval, start and run limits, the share of the rate limit. */
  remoteBatches?: import('./runner/remote/follow-loop').FollowTuning;
  /** Implementation run knobs for tests (progress interval, kill grace). */
  implement?: ImplementTuning & { parts?: ImplementParts };
  /**
   * The one thing this process does (a command-line command such as "fleet-control push"): errors about a missing
   * object name it, and handlers are not each run as their own operation (see nameProcessOperation). Unset, each
   * contract method is its own operation (the desktop app and `serve`, where many run at once).
   */
  oneOperation?: string;
}

export type AppEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface FleetApp {
  readonly handlers: FleetHandlers;
  onEvent(listener: AppEventListener): () => void;
  openWorkspace(path: string): Promise<WorkspaceSummary>;
  openDemoWorkspace(): Promise<WorkspaceSummary>;
  /** Opens `path` if given, else the most recent workspace that still opens, else the demo. */
  openStartupWorkspace(path?: string): Promise<WorkspaceSummary>;
  initWorkspace(
    options: { baseBranch?: string; docsFolder?: string },
    onProgress?: (p: { done: number; total: number; message: string }) => void,
    signal?: AbortSignal,
  ): Promise<InitResult>;
  getBoard(): Promise<BoardState>;
  /** Forgets the open repository's cached refs: for a caller without a repository watcher (the CLI) after a long wait. */
  refreshRefs(): void;
  /** CI repair (built on first use): the CI poller hands it each new status (automatic repair) and asks which repairs it follows. */
  ciRepair(): Promise<CiRepairService>;
  dispose(): Promise<void>;
}

interface OpenState {
  workspace: Workspace;
  board: BoardLoader;
  docs: ModuleDocuments;
  workspaceDocs: WorkspaceDocuments;
  watcher: RepoWatcher | null;
}


/** Each handler runs as its method's named operation, so an object missing on the way names what needed it. */
function asNamedOperations(handlers: FleetHandlers): FleetHandlers {
  const named: Record<string, (input: never) => unknown> = {};
  for (const [method, handler] of Object.entries(handlers) as Array<[string, (input: never) => unknown]>) {
    named[method] = (input) => runAsOperation(method, () => handler(input));
  }
  return named as unknown as FleetHandlers;
}

/** Where a workspace's document run records (agents/run-store.ts) and implementation runs' records and working copies (implement/) live. */
const AGENT_RUNS = ['agents/runs'];
const IMPLEMENT_RUNS = ['implement/runs', 'implement/batches', 'working-copies'];

/** Whether any of `folders` under `dir` holds an entry: a workspace that never had a run needs no run code. */
function holdsRecords(dir: string, folders: string[]): boolean {
  return folders.some((folder) => {
    try {
      return readdirSync(join(dir, folder)).length > 0;
    } catch {
      return false;
    }
  });
}

/** Creates the core; nothing is opened until a workspace is. */
export function createFleetApp(options: FleetAppOptions): FleetApp {
  const log = redactingLog(options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? '')));
  const listeners = new Set<AppEventListener>();
  // Every event leaves main through here (IPC, the browser host's socket, the CLI): redacted once for all listeners.
  const emit: AppEventListener = (event, payload) => {
    // A repair run that ended releases its hold on the CI poller and changes its module's repair chip.
    if (event === 'implementFinished') ciRepair.built?.runSettled(payload as ImplementRun);
    if (listeners.size === 0) return;
    const shown = redact(payload);
    for (const listener of listeners) listener(event, shown);
  };
  // keyEnvironment(): the CLI's re-executed serve/check and the desktop app hold their keys in memory, not in process.env.
  for (const env of new Set([options.agents?.env ?? keyEnvironment(), options.remotes?.env ?? keyEnvironment(), options.launcher?.env ?? keyEnvironment()])) registerEnvironmentSecrets(env);
  const recent = new RecentWorkspaces(options.appDataDir);
  const jobs = new JobRunner(
    {
      progress: (e) => emit('jobProgress', e),
      finished: (e) => {
        emit('jobFinished', e);
        // A push changes branch tips on the host: their CI is read again at once (if CI is being polled at all).
        if (e.kind === 'push') ci.built?.service.pushed();
      },
    },
    log,
  );
  let current: OpenState | null = null;
  const secrets = registeringSecretStore(options.secrets ?? new FileSecretStore(options.appDataDir));
  const hostEnv = options.launcher?.env ? () => options.launcher!.env! : keyEnvironment;
  // Services and handler groups are built on first use (see lazy.ts): `fleet-control status` loads none of them.
  const trust = lazy(async () => new (await import('./trust/command-trust')).CommandTrust(options.appDataDir));
  const launch = lazy(async () => {
    const [{ Launcher }, { createLauncherHandlers }] = await Promise.all([import('./launcher/launcher'), import('./launcher/handlers')]);
    const launcher = new Launcher({ ...options.launcher, hostEnv, appDataDirs: [options.appDataDir] });
    return { launcher, ...createLauncherHandlers({ appDataDir: options.appDataDir, secrets, launcher, hostEnv, requireWorkspace: () => requireOpen().workspace }) };
  });
  // Document and implementation runs are built together: one workspace budget, the agents' ledger counts both records' spending.
  const runs = lazy(async (): Promise<{ agents: AgentService; implement: ImplementService }> => {
    const [{ AgentService }, { ImplementService }, { realParts }, { EngineCatalog }, launchParts, trusted] = await Promise.all([
      import('./agents/agent-service'),
      import('./implement/service/implement-service'),
      import('./implement/service/real-parts'),
      import('./implement/engines/engine-catalog'),
      launch(),
      trust(),
    ]);
    const agents: AgentService = new AgentService({ ...options.agents, appDataDir: options.appDataDir, secrets, emit, current: () => requireOpen(), log, otherSpentUsd: (path: string): number => implement.spentUsd(path) });
    const implement: ImplementService = new ImplementService({
      ...options.implement,
      appDataDir: options.appDataDir,
      agents,
      trust: trusted,
      launchSetup: launchParts.setup,
      emit,
      log,
      parts: options.implement?.parts ?? realParts(),
      engines: new EngineCatalog(launchParts.launcher, hostEnv),
      hostEnv,
      current: () => requireOpen(),
    });
    return { agents, implement };
  });
  const implementHandlers = lazy(async () => (await import('./implement/handlers')).createImplementHandlers((await runs()).implement));
  // Deploys and repair runs being followed keep the CI poller at its visible pace (applied once CI is polled at all).
  const holds = followingHolds();
  // CI repair ("Fix with agent", automatic repair) over the implementation runs; the CI host is read with the remote's token.
  const ciRepair = lazy(async () => {
    const [{ CiRepairService }, { implement }] = await Promise.all([import('./ci/repair/repair-service'), runs()]);
    const ci = { secrets, env: options.remotes?.env ?? keyEnvironment(), userAgent: `fleet-control/${options.version}` };
    return new CiRepairService({ appDataDir: options.appDataDir, ci, implement, current: () => requireOpen(), emit, log, follow: (reason) => holds.hold(reason) });
  });
  // Automatic repair sees each CI status the poller reads; the run code loads only once repair is in use or switched on.
  const observeCi = async (status: CiStatus): Promise<void> => {
    const workspace = current?.workspace;
    if (!workspace || workspace.isDemo) return;
    if (!ciRepair.started && !(await (await import('./ci/repair/repair-store')).autoRepairOn(options.appDataDir, workspace.path))) return;
    await (await ciRepair()).observe(status);
  };

  const requireOpen = (): OpenState => {
    if (!current) throw new FleetError('NO_WORKSPACE', 'No workspace is open. Open a repository or the demo workspace first.');
    return current;
  };

  async function activate(workspace: Workspace): Promise<WorkspaceSummary> {
    const previous = current;
    const watcher =
      options.watch === false
        ? null
        : new RepoWatcher(workspace.repo.gitdir, workspace.repo.commondir, () => {
            workspace.repo.invalidateRefs();
            emit('boardChanged', { reason: 'refs' });
          });
    const dataDir = workspaceDataDir(options.appDataDir, workspace.path);
    const drafts = new DraftStore(join(dataDir, 'drafts'), (file, movedTo) =>
      log(`A corrupt draft was set aside: ${file} -> ${movedTo}`),
    );
    const board = new BoardLoader(workspace, () => docs.listDrafts(), join(dataDir, 'scope-counts.json'), {
      readChecks: () => CheckStore.forWorkspace(options.appDataDir, workspace.path).readAll(),
      // Running / waiting for review per module, from the implementation run records (none until the runs are loaded).
      implementation: (moduleId) => runs.built?.implement.statusOf(workspace.path, moduleId) ?? null,
      // Documents whose agent run's draft waits for review, from the document run records; a workspace that never
      // had a document run has none, and its board needs no agent code.
      reviewKinds: async () => {
        if (!runs.started && !holdsRecords(dataDir, AGENT_RUNS)) return new Map();
        const [{ reviewKindsByModule }, { agents }] = await Promise.all([import('./agents/run-review'), runs()]);
        return reviewKindsByModule(await agents.forCurrent());
      },
    });
    const docs: ModuleDocuments = new ModuleDocuments(workspace, drafts, (id) => board.findModule(id), (list) => emit('draftsChanged', list));
    current = { workspace, board, docs, workspaceDocs: new WorkspaceDocuments(workspace, drafts), watcher };
    await previous?.watcher?.close();
    // A command-line command is no opening for the desktop's recent list (and its synced write cost a push 3-6 ms).
    if (!workspace.isDemo && !options.oneOperation) await recent.remember(workspace.path).catch((error: unknown) => log('could not save recent workspaces', error));
    const summary = await workspace.summary();
    if (previous?.workspace.path !== workspace.path) ci.built?.service.workspaceChanged();
    emit('workspaceChanged', summary);
    // Implementation runs a crash or quit left are taken over (working copies swept, interrupted runs kept), then
    // their interrupted batches resume where the document batches would. A workspace with no implementation run
    // records has nothing to take over: a command that does not run agents then loads no run code.
    // Remote batches a quit left out are followed again (the desktop app and `serve`).
    if (options.resumeBatches && holdsRecords(dataDir, ['remote-batches'])) {
      void remoteBatches()
        .then(({ service }) => service.forCurrent())
        .catch((error: unknown) => log('could not follow the remote batches again', error));
    }
    if (options.resumeBatches || runs.started || holdsRecords(dataDir, IMPLEMENT_RUNS)) {
      void runs()
        .then(async ({ agents, implement }) => {
          if (options.resumeBatches) void agents.resumeInterrupted().catch((error: unknown) => log('could not resume the interrupted agent batches', error));
          await implement.forCurrent();
          if (options.resumeBatches) await implement.resumeInterrupted();
        })
        .catch((error: unknown) => log('could not take over the implementation runs', error));
    }
    return summary;
  }

  async function openWorkspace(path: string): Promise<WorkspaceSummary> {
    return activate(await Workspace.open(path));
  }

  async function openDemoWorkspace(): Promise<WorkspaceSummary> {
    const { ensureDemoRepository } = await import('./demo/demo-repo');
    const path = await ensureDemoRepository(join(options.appDataDir, 'demo'));
    return activate(await Workspace.open(path, { isDemo: true }));
  }

  async function runInit(
    input: { baseBranch?: string; docsFolder?: string },
    onProgress?: (p: { done: number; total: number; message: string }) => void,
    signal?: AbortSignal,
  ): Promise<InitResult> {
    const { workspace } = requireOpen();
    try {
      const manifest = workspace.initialised ? undefined : workspace.manifest;
      const { initWorkspace } = await import('./workspace/init');
      return await initWorkspace(workspace.repo, { baseBranch: input.baseBranch, docsFolder: input.docsFolder, manifest, onProgress, signal });
    } finally {
      workspace.repo.invalidateRefs();
      await workspace.refreshManifest();
      emit('boardChanged', { reason: 'init' });
      emit('workspaceChanged', await workspace.summary());
    }
  }

  // CI status polled in main; deploys and repairs call `(await ci()).service.holdFollowing(reason)` while following a run.
  const ci = lazy(async () => {
    const built = (await import('./ci/handlers')).createCiHandlers({
      currentWorkspace: () => current?.workspace ?? null,
      secrets,
      env: options.remotes?.env ?? keyEnvironment(),
      version: options.version,
      emit: (snapshot) => emit('ciStatusChanged', snapshot),
      onStatus: (status) => void observeCi(status).catch((error: unknown) => log('automatic CI repair could not look at the CI status', error)),
      log,
      fetch: options.ci?.fetch,
      paces: options.ci?.paces,
    });
    holds.attach(built.service);
    return built;
  });
  const deploys = lazy(async () => {
    const [{ createDeployHandlers }, { hostDeployMethods }, launchParts, trusted] = await Promise.all([import('./deploy/handlers'), import('./deploy/methods/host-methods'), launch(), trust()]);
    return createDeployHandlers({
      appDataDir: options.appDataDir,
      requireWorkspace: () => requireOpen().workspace,
      emit,
      trust: trusted,
      secrets,
      launchSetup: launchParts.setup,
      launcherWorkRoot: launchParts.launcher.workRoot,
      hostEnv,
      hostMethods: hostDeployMethods(
        { secrets, env: options.remotes?.env ?? keyEnvironment(), userAgent: `fleet-control/${options.version}`, fetch: options.deploy?.fetch },
        options.deploy,
      ),
      log,
      killGraceMs: options.checks?.killGraceMs,
      // The plan's CI column is the poller's last answer; a deploy being followed keeps the poller at its visible pace.
      ci: async (_workspace, moduleIds) => plannedCiOf(ci.built?.service.snapshot(), moduleIds),
      follow: (reason) => holds.hold(reason),
    });
  });
  // Remote batches (implementation runs and checks on CI runners), built on first use or to follow a stored batch.
  const remoteBatches = lazy(async () => {
    const [{ RemoteService }, { createRemoteBatchHandlers }, { nodeHttpClient }] = await Promise.all([import('./runner/remote/remote-service'), import('./runner/remote/handlers'), import('./remotes/http-transport')]);
    const env = options.remotes?.env ?? keyEnvironment();
    const remoteOptions = {
      appDataDir: options.appDataDir,
      current: () => requireOpen().workspace,
      ci: { secrets, env, userAgent: `fleet-control/${options.version}`, fetch: options.deploy?.fetch },
      remotes: { secrets, env, http: options.remotes?.http ?? nodeHttpClient, agent: `fleet-control/${options.version}` },
      estimate: async (request: Parameters<FleetHandlers['estimateImplement']>[0]) => (await implementHandlers()).estimateImplement(request),
      emitRun: (run: EventPayload<'remoteRunChanged'>) => emit('remoteRunChanged', run),
      emitBatch: (batch: EventPayload<'remoteBatchChanged'>) => emit('remoteBatchChanged', batch),
      refsChanged: () => emit('boardChanged', { reason: 'refs' }),
      log,
      tuning: options.remoteBatches,
      pollSeconds: async () => (await (await implementHandlers()).getImplementSettings({})).remotePollSeconds,
    };
    const service = new RemoteService(remoteOptions);
    return { service, handlers: createRemoteBatchHandlers(service, remoteOptions) };
  });
  if (options.oneOperation) nameProcessOperation(options.oneOperation);
  const nameOperations = options.oneOperation ? (all: FleetHandlers) => all : asNamedOperations;
  const handlers: FleetHandlers = nameOperations({
    getAppInfo: async () => ({
      version: options.version,
      transport: options.transport,
      platform: process.platform,
      canPickFolder: options.pickFolder !== undefined,
    }),
    listRecentWorkspaces: () => recent.list(),
    getCurrentWorkspace: async () => (current ? current.workspace.summary() : null),
    openWorkspace: ({ path }) => openWorkspace(path),
    openDemoWorkspace: () => openDemoWorkspace(),
    pickWorkspaceFolder: async () => {
      if (!options.pickFolder) throw new FleetError('UNSUPPORTED', 'A folder dialog is only available in the desktop app; type the path instead.');
      return { path: await options.pickFolder() };
    },
    initWorkspace: async ({ baseBranch, docsFolder }) => {
      const { workspace } = requireOpen();
      if (baseBranch && !(await workspace.repo.resolveRef(`refs/heads/${baseBranch}`))) {
        throw new FleetError('BASE_BRANCH_MISSING', `The base branch "${baseBranch}" does not exist.`, { baseBranch });
      }
      // Refusals that need no writing (a documents folder the base has as a file, ...) answer the call itself.
      const { planInit } = await import('./workspace/init');
      await planInit(workspace.repo, { baseBranch, docsFolder, manifest: workspace.initialised ? undefined : workspace.manifest });
      const jobId = jobs.start(
        'init',
        (context) => runInit({ baseBranch, docsFolder }, (p) => context.progress(p.done, p.total, p.message), context.signal),
        (result) => result,
      );
      return { jobId };
    },
    cancelJob: async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    getBoard: () => requireOpen().board.load(),
    getModule: ({ moduleId }) => requireOpen().board.module(moduleId),
    readDocument: async ({ moduleId, kind }) => {
      const state = requireOpen();
      await state.workspace.refreshManifest();
      return readModuleDocument(state.workspace, state.board.findModule(moduleId), kind);
    },
    getDraft: ({ moduleId, kind }) => requireOpen().docs.getDraft(moduleId, kind),
    saveDraft: (input) => requireOpen().docs.saveDraft(input),
    discardDraft: ({ moduleId, kind }) => requireOpen().docs.discardDraft(moduleId, kind),
    listDrafts: () => requireOpen().docs.listDrafts(),
    commitDocuments: async (input) => {
      const state = requireOpen();
      await state.workspace.refreshManifest();
      const result = await state.docs.commit(input);
      emit('boardChanged', { reason: 'refs' });
      return result;
    },
    approveDocument: async (input) => {
      const state = requireOpen();
      await state.workspace.refreshManifest();
      const result = await state.docs.approve(input);
      emit('boardChanged', { reason: 'refs' });
      return result;
    },
    documentHistory: ({ moduleId, kind, limit }) => requireOpen().docs.history(moduleId, kind, limit),
    readDocumentVersion: ({ moduleId, kind, target }) => requireOpen().docs.version(moduleId, kind, target),
    readWorkspaceDocument: ({ name }) => requireOpen().workspaceDocs.read(name),
    getWorkspaceDraft: ({ name }) => requireOpen().workspaceDocs.getDraft(name),
    saveWorkspaceDraft: (input) => requireOpen().workspaceDocs.saveDraft(input),
    discardWorkspaceDraft: ({ name }) => requireOpen().workspaceDocs.discardDraft(name),
    commitWorkspaceDocument: async (input) => {
      const state = requireOpen();
      await state.workspace.refreshManifest();
      const result = await state.workspaceDocs.commit(input);
      emit('boardChanged', { reason: 'workspace' });
      return result;
    },
    // One line per group: its zod-free method names and how to build it, imported when one of them is first called.
    ...lazyGroup(AGENT_METHOD_NAMES, async () => (await import('./agents/handlers')).createAgentHandlers((await runs()).agents)),
    ...lazyGroup(REMOTE_METHOD_NAMES, async () =>
      (await import('./remotes/handlers')).createRemoteHandlers({ ...options.remotes, requireWorkspace: () => requireOpen().workspace, jobs, emit, secrets, version: options.version, log }),
    ),
    ...lazyGroup(MERGE_METHOD_NAMES, async () => (await import('./merge/handlers')).createMergeHandlers({ requireWorkspace: () => requireOpen().workspace, jobs, emit })),
    ...lazyGroup(REPORTS_METHOD_NAMES, async () =>
      (await import('./reports/handlers')).createReportHandlers({
        current: () => requireOpen(),
        agents: (await runs()).agents,
        implementRuns: async () => (await implementHandlers()).listImplementRuns({}),
        moduleDeployments: async () => (await deploys()).handlers.listModuleDeployments({}),
        jobs,
        version: options.version,
        appDataDir: options.appDataDir,
      }),
    ),
    ...lazyGroup(PULLS_METHOD_NAMES, async () =>
      (await import('./pulls/handlers')).createPullHandlers({ requireWorkspace: () => requireOpen().workspace, appDataDir: options.appDataDir, secrets, env: options.remotes?.env, version: options.version }),
    ),
    ...lazyGroup(CHECKS_METHOD_NAMES, async () => {
      const [{ createCheckHandlers }, launchParts] = await Promise.all([import('./checks/handlers'), launch()]);
      return createCheckHandlers({
        ...options.checks,
        appDataDir: options.appDataDir,
        requireWorkspace: () => requireOpen().workspace,
        jobs,
        emit,
        launchSetup: launchParts.setup,
        launcherWorkRoot: launchParts.launcher.workRoot,
        log,
        trust: await trust(),
      });
    }),
    ...lazyGroup(TRUST_METHOD_NAMES, async () => (await import('./trust/handlers')).createTrustHandlers({ trust: await trust(), requireWorkspace: () => requireOpen().workspace })),
    ...lazyGroup(LAUNCHER_METHOD_NAMES, async () => (await launch()).handlers),
    ...lazyGroup(IMPLEMENT_METHOD_NAMES, implementHandlers),
    ...lazyGroup(DEPLOY_METHOD_NAMES, async () => (await deploys()).handlers),
    ...lazyGroup(CI_REPAIR_METHOD_NAMES, async () => (await import('./ci/repair/handlers')).createCiRepairHandlers(await ciRepair())),
    ...lazyGroup(CI_METHOD_NAMES, async () => (await ci()).handlers),
    ...lazyGroup(RUNNER_METHOD_NAMES, async () =>
      (await import('./runner/handlers')).createRunnerHandlers({ requireWorkspace: () => requireOpen().workspace, jobs, secrets, env: options.remotes?.env, version: options.version, http: options.remotes?.http, fetch: options.ci?.fetch }),
    ),
    ...lazyGroup(REMOTE_BATCH_METHOD_NAMES, async () => (await remoteBatches()).handlers),
    ...lazyGroup(SCOPE_METHOD_NAMES, async () =>
      (await import('./scope/handlers')).createScopeHandlers({
        current: () => {
          const { workspace, board } = requireOpen();
          return { workspace, scope: board.scope, dataDir: workspaceDataDir(options.appDataDir, workspace.path) };
        },
        emit,
      }),
    ),
  });

  return {
    handlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openWorkspace,
    openDemoWorkspace,
    async openStartupWorkspace(path) {
      if (path) return openWorkspace(path);
      for (const entry of await recent.list()) {
        try {
          return await openWorkspace(entry.path);
        } catch {
          // A recent workspace that moved or broke is skipped, not fatal.
        }
      }
      return openDemoWorkspace();
    },
    initWorkspace: runInit,
    getBoard: () => requireOpen().board.load(),
    refreshRefs: () => requireOpen().workspace.repo.invalidateRefs(),
    ciRepair: () => ciRepair(),
    async dispose() {
      // Jobs, agent runs and deploys stop together: each job's cancel reaches its file-system and network steps.
      // Services still being built are waited for (their records may be in the middle of loading), never built for this.
      const runServices = runs.started?.catch(() => null);
      const deployService = deploys.started?.catch(() => null);
      ci.built?.service.dispose();
      ciRepair.built?.dispose();
      remoteBatches.built?.service.dispose();
      await Promise.all([
        jobs.cancelAll(),
        runServices?.then((built) => built && Promise.all([built.agents.dispose(), built.implement.dispose()])),
        deployService?.then((built) => built?.service.dispose()),
      ]);
      await current?.watcher?.close();
      current = null;
      listeners.clear();
    },
  };
}
