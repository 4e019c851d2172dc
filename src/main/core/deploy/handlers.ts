// The contract's deploy methods over the core: environments (read, save), the plan, start / cancel / read a deploy,
// the deployment log, each module's deployed state, and the credentials a deploy command gets on this machine.

import type { FleetHandlers } from '../../../shared/contract';
import type { deployMethods } from '../../../shared/contract-deploy';
import type { DeployMethodType } from '../../../shared/deploy-config';
import type { PlannedCi } from '../../../shared/types-deploy';
import type { AppEventListener } from '../app';
import { checkoutFolders } from '../checks/checkout-folders';
import { readCheckResults } from '../checks/check-store';
import type { LaunchSetup } from '../launcher/handlers';
import type { SecretStore } from '../remotes/secret-store';
import type { CommandTrust } from '../trust/command-trust';
import type { Workspace } from '../workspace/workspace';
import { DeployCredentialStore } from './deploy-credentials';
import { readDeploymentRecords } from './deploy-log';
import { deployPlan, environmentInfo } from './deploy-plan';
import { DeployService } from './deploy-service';
import { findEnvironment, saveEnvironments } from './environments';
import { commandMethod } from './methods/command-method';
import type { DeployMethodRunner } from './methods/method';
import { moduleDeployments } from './module-deployments';

type DeployHandlers = Pick<FleetHandlers, keyof typeof deployMethods>;

export interface DeployHandlerContext {
  appDataDir: string;
  requireWorkspace(): Workspace;
  emit: AppEventListener;
  trust: CommandTrust;
  secrets: SecretStore;
  launchSetup(workspacePath: string): Promise<LaunchSetup>;
  launcherWorkRoot: string;
  /** The app's environment (credentials taken from it by name). */
  hostEnv(): NodeJS.ProcessEnv;
  /** The GitHub Actions and Azure Pipelines methods (built over the CI host layer). */
  hostMethods: Pick<Record<DeployMethodType, DeployMethodRunner>, 'github-actions' | 'azure-pipelines'>;
  /** The CI state of module branch tips for the plan, where the CI status layer has it. */
  ci?(workspace: Workspace, moduleIds: string[]): Promise<Map<string, PlannedCi>>;
  log(message: string, error?: unknown): void;
  killGraceMs?: number;
  /** Keeps the CI poller at its visible pace while a deploy is followed. */
  follow?(reason: string): { release(): void };
}

/** The handlers and the service behind them (the app disposes it; tests wait on it). */
export function createDeployHandlers(context: DeployHandlerContext): { handlers: DeployHandlers; service: DeployService } {
  const credentials = new DeployCredentialStore(context.appDataDir, context.secrets);
  const service = new DeployService({
    appDataDir: context.appDataDir,
    methods: {
      ...context.hostMethods,
      command: commandMethod({
        trust: context.trust,
        launchSetup: context.launchSetup,
        folders: (path) => checkoutFolders(context.launcherWorkRoot, path),
        credentials: (path, environment) => credentials.resolve(path, environment, context.hostEnv()),
        killGraceMs: context.killGraceMs,
      }),
    },
    emitRun: (run) => context.emit('deployProgress', run),
    emitOutput: (deployId, chunk) => context.emit('deployOutput', { deployId, chunk }),
    emitChanged: (environment) => context.emit('deploymentsChanged', { environment }),
    log: context.log,
    follow: context.follow,
  });
  const open = async (): Promise<Workspace> => {
    const workspace = context.requireWorkspace();
    workspace.repo.invalidateRefs();
    await workspace.refreshManifest();
    return workspace;
  };
  const view = async (workspace: Workspace) => {
    const records = await readDeploymentRecords(workspace);
    const environments = (workspace.manifest.environments ?? []).map((env) => environmentInfo(workspace, env, records, service.activeFor(workspace.path, env.name)));
    return { environments, workspaceTip: workspace.manifestCommit };
  };

  const handlers: DeployHandlers = {
    listEnvironments: async () => view(await open()),
    setEnvironments: async ({ environments, expectedTip }) => {
      const workspace = await open();
      const typed = await saveEnvironments(workspace, environments, expectedTip);
      await context.trust.trustSetByUser(workspace, typed);
      context.emit('deploymentsChanged', { environment: null });
      context.emit('boardChanged', { reason: 'workspace' });
      return view(workspace);
    },
    deployPlan: async ({ environment }) => {
      const workspace = await open();
      const env = findEnvironment(workspace.manifest, environment);
      const info = environmentInfo(workspace, env, await readDeploymentRecords(workspace, env.name), service.activeFor(workspace.path, env.name));
      return deployPlan(workspace, info, {
        trust: context.trust,
        method: (e) => service.method(e),
        checks: () => readCheckResults(workspace, context.appDataDir),
        ci: context.ci ? (ids) => context.ci!(workspace, ids) : undefined,
        credentialNames: (name) => credentials.names(workspace.path, name),
      });
    },
    startDeploy: async (input) => ({ deployId: await service.start(await open(), input) }),
    cancelDeploy: async ({ deployId }) => ({ cancelled: service.cancel(deployId) }),
    getDeploy: async ({ deployId }) => service.get(deployId),
    listDeployments: async ({ environment, limit }) => {
      const workspace = await open();
      const records = await readDeploymentRecords(workspace, environment);
      const active = service.active(workspace.path).filter((r) => !environment || r.environment === environment);
      return { records: records.slice(0, limit ?? 200), active };
    },
    readDeployLog: async ({ deployId }) => service.readLog(context.requireWorkspace().path, deployId),
    listModuleDeployments: async () => {
      const workspace = await open();
      return moduleDeployments(workspace, await readDeploymentRecords(workspace));
    },
    getDeployCredentials: async ({ environment }) => credentials.view(context.requireWorkspace().path, environment),
    saveDeployCredentials: async ({ environment, credentials: list }) => {
      const { path } = context.requireWorkspace();
      await credentials.save(path, environment, list);
      return credentials.view(path, environment);
    },
  };
  return { handlers, service };
}
