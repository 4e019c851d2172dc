// The contract's CI runner set-up methods over the core: the set-up state of each remote (read now, never cached:
// a merge on GitHub's website shows on the next read), and opening the set-up pull request as a cancellable job.

import type { FleetHandlers } from '../../../shared/contract';
import type { runnerMethods } from '../../../shared/contract-runner';
import { FleetError } from '../../../shared/errors';
import type { JobRunner } from '../jobs';
import { keyEnvironment } from '../launcher/held-secrets';
import { hostDisplayName } from '../pulls/compare-link';
import { gitHubRemote, hostOfRemote, type PullServices } from '../pulls/github-remote';
import { nodeHttpClient, type HttpClient } from '../remotes/http-transport';
import { listRemoteConfigs } from '../remotes/remote-config';
import type { RemoteServices } from '../remotes/remote-endpoint';
import type { SecretStore } from '../remotes/secret-store';
import type { Workspace } from '../workspace/workspace';
import { resolveCiHost } from '../ci/ci-host';
import { findAppBundle, requireAppBundle } from './app-bundle';
import { proposeAzureRunnerSetup } from './propose-azure-setup';
import { proposeRunnerSetup } from './propose-setup';
import { runnerSetupState } from './setup-state';

export interface RunnerHandlerContext {
  requireWorkspace(): Workspace;
  jobs: JobRunner;
  secrets: SecretStore;
  /** Tokens, GitHub host settings, and FLEET_RUNNER_BUNDLE (where the bundled CLI is, for tests). */
  env?: NodeJS.ProcessEnv;
  version: string;
  http?: HttpClient;
  fetch?: typeof fetch;
}

type RunnerHandlers = Pick<FleetHandlers, keyof typeof runnerMethods>;

/** Handlers for the CI runner set-up methods of the contract. */
export function createRunnerHandlers(context: RunnerHandlerContext): RunnerHandlers {
  const env = context.env ?? keyEnvironment();
  const agent = `fleet-control/${context.version}`;
  const pulls: PullServices = { secrets: context.secrets, env, userAgent: agent, fetch: context.fetch };
  const remotes: RemoteServices = { secrets: context.secrets, env, http: context.http ?? nodeHttpClient, agent };

  return {
    runnerSetupState: async ({ remote }) => {
      const workspace = context.requireWorkspace();
      const names = remote ? [remote] : (await listRemoteConfigs(workspace.repo)).map((entry) => entry.name);
      if (remote) await hostOfRemote(pulls, workspace, remote); // an unknown remote is REMOTE_NOT_FOUND, not a state
      const bundle = await findAppBundle(env);
      return Promise.all(names.map((name) => runnerSetupState(pulls, workspace, name, bundle)));
    },
    proposeRunnerSetup: async ({ remote }) => {
      const workspace = context.requireWorkspace();
      // What can be known now is answered now, not as a failed job: not GitHub or Azure Repos, no token, no bundle.
      const { host } = await hostOfRemote(pulls, workspace, remote);
      if (host.kind !== 'github' && host.kind !== 'azure-devops') {
        throw new FleetError(
          'UNSUPPORTED',
          `"${remote}" is on ${hostDisplayName(host)}, not GitHub or Azure Repos: the app opens the set-up pull request on those only. Commit the set-up files there yourself, or open it on a GitHub or Azure Repos remote.`,
          { remote, host: host.kind },
        );
      }
      const azure = host.kind === 'azure-devops';
      if (azure) await resolveCiHost(pulls, workspace, { remote });
      else await gitHubRemote(pulls, workspace, remote);
      const bundle = await requireAppBundle(env);
      const jobId = context.jobs.start(
        'runner-setup',
        (job) => {
          const input = { remote, bundle: bundle.bytes, signal: job.signal, onProgress: job.progress };
          return azure ? proposeAzureRunnerSetup({ remotes, ci: pulls }, workspace, input) : proposeRunnerSetup({ remotes, pulls }, workspace, input);
        },
        (result) => ({
          remote,
          outcome: result.outcome,
          commit: result.commit,
          pull: result.pull && { number: result.pull.number, url: result.pull.url, state: result.pull.state },
          ...(azure ? { pipelineCreated: result.pipelineCreated ?? null } : {}),
        }),
      );
      return { jobId };
    },
  };
}
