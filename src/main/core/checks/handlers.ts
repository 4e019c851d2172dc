// The contract's checks methods over the core: settings answer at once, runs go through one CheckService per
// open workspace (one 'checks' job at a time, streaming checkOutput and checkStatus).

import type { FleetHandlers } from '../../../shared/contract';
import type { checksMethods } from '../../../shared/contract-checks';
import type { AppEventListener } from '../app';
import type { JobRunner } from '../jobs';
import type { CommandTrust } from '../trust/command-trust';
import type { Workspace } from '../workspace/workspace';
import type { LaunchSetup } from '../launcher/handlers';
import { CheckService } from './check-service';
import { commandsSetBy, readCheckSettings, saveCheckSettings } from './check-settings';
import { CheckStore } from './check-store';

/** Knobs for tests: the output interval, the SIGTERM grace (the environment is the launcher's). */
export interface CheckTuning {
  outputIntervalMs?: number;
  killGraceMs?: number;
}

export interface CheckHandlerContext extends CheckTuning {
  appDataDir: string;
  requireWorkspace(): Workspace;
  jobs: JobRunner;
  emit: AppEventListener;
  /** The launcher and the workspace's command variables. */
  launchSetup(workspacePath: string): Promise<LaunchSetup>;
  /** The launcher's work root (checkouts live below it). */
  launcherWorkRoot: string;
  log(message: string, error?: unknown): void;
  /** Consent to commands from the manifest; a command set from the app counts as confirmed. */
  trust: CommandTrust;
}

type CheckHandlers = Pick<FleetHandlers, keyof typeof checksMethods>;

/** Handlers for every checks method of the contract. */
export function createCheckHandlers(context: CheckHandlerContext): CheckHandlers {
  const services = new Map<string, CheckService>();
  const service = (): CheckService => {
    const workspace = context.requireWorkspace();
    let found = services.get(workspace.path);
    if (!found) {
      found = new CheckService(workspace, CheckStore.forWorkspace(context.appDataDir, workspace.path), {
        jobs: context.jobs,
        emitStatus: (status) => context.emit('checkStatus', status),
        emitOutput: (output) => context.emit('checkOutput', output),
        environment: () => context.launchSetup(workspace.path),
        workRoot: context.launcherWorkRoot,
        log: context.log,
        trust: context.trust,
        outputIntervalMs: context.outputIntervalMs,
        killGraceMs: context.killGraceMs,
      });
      services.set(workspace.path, found);
    }
    found.attach(workspace);
    return found;
  };

  return {
    getCheckSettings: () => readCheckSettings(context.requireWorkspace()),
    saveCheckSettings: async (input) => {
      const workspace = context.requireWorkspace();
      const before = await readCheckSettings(workspace);
      const settings = await saveCheckSettings(workspace, input);
      await context.trust.trustSetByUser(workspace, commandsSetBy(input, before));
      context.emit('boardChanged', { reason: 'workspace' });
      return settings;
    },
    runChecks: async ({ modules }) => ({ jobId: await service().run(modules) }),
    cancelCheck: async ({ moduleId }) => ({ cancelled: service().cancel(moduleId) }),
    listChecks: ({ modules }) => service().overview(modules),
    readCheckLog: ({ moduleId }) => service().readLog(moduleId),
  };
}
