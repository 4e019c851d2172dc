// The contract's launcher methods: read and replace the open workspace's command environment (its variables and
// the git choice), with the sandbox this machine offers. Also how other services get a workspace's launch set-up.

import type { FleetHandlers } from '../../../shared/contract';
import type { launcherMethods } from '../../../shared/contract-launcher';
import type { Workspace } from '../workspace/workspace';
import type { SecretStore } from '../remotes/secret-store';
import { CommandEnvStore } from './command-env-store';
import type { ResolvedVariable } from './command-env';
import type { Launcher } from './launcher';

/** What a service needs to launch one workspace's commands. */
export interface LaunchSetup {
  launcher: Launcher;
  variables: ResolvedVariable[];
  userGitConfig: boolean;
}

export interface LauncherContext {
  appDataDir: string;
  secrets: SecretStore;
  launcher: Launcher;
  /** The environment named variables are taken from (the app's, handed-over keys included). */
  hostEnv: () => NodeJS.ProcessEnv;
  requireWorkspace(): Workspace;
}

type LauncherHandlers = Pick<FleetHandlers, keyof typeof launcherMethods>;

/** The handlers, and `setup(workspacePath)` for the services that launch commands. */
export function createLauncherHandlers(context: LauncherContext): { handlers: LauncherHandlers; setup: (workspacePath: string) => Promise<LaunchSetup> } {
  const store = new CommandEnvStore(context.appDataDir, context.secrets);
  return {
    handlers: {
      getCommandEnvironment: () => store.view(context.requireWorkspace().path, context.launcher),
      saveCommandEnvironment: async (input) => {
        const { path } = context.requireWorkspace();
        await store.save(path, input);
        return store.view(path, context.launcher);
      },
    },
    setup: async (workspacePath) => ({ launcher: context.launcher, ...(await store.resolve(workspacePath, context.hostEnv())) }),
  };
}
