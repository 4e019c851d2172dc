// The contract's pull-request methods over the core: open (or find) a module's pull request on GitHub, refresh
// the recorded states, list them, and the host's compare page for remotes without an API client.

import type { FleetHandlers } from '../../../shared/contract';
import { FleetError } from '../../../shared/errors';
import type { pullsMethods } from '../../../shared/contract-pulls';
import { workspaceDataDir } from '../paths';
import type { SecretStore } from '../remotes/secret-store';
import type { Workspace } from '../workspace/workspace';
import { compareLinkFor } from './compare-link';
import { hostOfRemote, type PullServices } from './github-remote';
import { openPullRequest } from './open-pull';
import { openIntegrationPullRequest } from './open-integration-pull';
import { PullRequestStore } from './pull-store';
import { refreshPullRequests } from './refresh-pulls';
import { keyEnvironment } from '../launcher/held-secrets';

export interface PullHandlerContext {
  requireWorkspace(): Workspace;
  appDataDir: string;
  secrets: SecretStore;
  /** Tokens (FLEET_GIT_TOKEN...) and the GitHub host settings (FLEET_GITHUB_HOSTS, FLEET_GITHUB_API_URL). */
  env?: NodeJS.ProcessEnv;
  version: string;
  fetch?: typeof fetch;
}

type PullHandlers = Pick<FleetHandlers, keyof typeof pullsMethods>;

/** Handlers for every pull-request method of the contract. */
export function createPullHandlers(context: PullHandlerContext): PullHandlers {
  const services: PullServices = {
    secrets: context.secrets,
    env: context.env ?? keyEnvironment(),
    userAgent: `fleet-control/${context.version}`,
    fetch: context.fetch,
  };
  // One store per workspace, so that its writes queue behind each other.
  const stores = new Map<string, PullRequestStore>();
  const open = () => {
    const workspace = context.requireWorkspace();
    let store = stores.get(workspace.path);
    if (!store) stores.set(workspace.path, (store = new PullRequestStore(workspaceDataDir(context.appDataDir, workspace.path))));
    return { workspace, store };
  };

  return {
    openPullRequest: async (input) => {
      const { workspace, store } = open();
      // The body is read from the branch's tip: do not trust a ref cache the watcher may not have cleared yet.
      workspace.repo.invalidateRefs();
      await workspace.refreshManifest();
      return openPullRequest(services, workspace, store, input);
    },
    openIntegrationPullRequest: async (input) => {
      const { workspace } = open();
      workspace.repo.invalidateRefs();
      await workspace.refreshManifest();
      return openIntegrationPullRequest(services, workspace, input);
    },
    refreshPullRequests: async ({ remote }) => {
      const { workspace, store } = open();
      await workspace.refreshManifest();
      return refreshPullRequests(services, workspace, store, remote);
    },
    listPullRequests: () => open().store.list(),
    compareLink: async ({ moduleId, remote, target }) => {
      const { workspace } = open();
      await workspace.refreshManifest();
      const { manifest } = workspace;
      if (!manifest.modules.some((m) => m.id === moduleId)) {
        throw new FleetError('MODULE_NOT_FOUND', `There is no module "${moduleId}" in this workspace's catalog.`, { moduleId });
      }
      const { host } = await hostOfRemote(services, workspace, remote);
      return compareLinkFor(remote, host, `${manifest.branchPrefix}${moduleId}`, target ?? manifest.baseBranch);
    },
  };
}
