// The contract's remote methods over the core: settings calls answer at once; fetch, push and clone run as jobs
// reporting through jobProgress / jobFinished, with pushProgress per branch.

import { isAbsolute } from 'node:path';
import type { FleetHandlers } from '../../../shared/contract';
import type { remoteMethods } from '../../../shared/contract-remotes';
import { FleetError } from '../../../shared/errors';
import type { AppEventListener } from '../app';
import type { JobRunner } from '../jobs';
import type { Workspace } from '../workspace/workspace';
import { checkCloneTarget, cloneRepository } from './clone';
import { checkWritableFolder } from '../target-folder';
import { fetchRemotes } from './fetch';
import { pushToRemotes } from './push-all';
import { branchesToPush } from './push-plan';
import { previewPush } from './push-preview';
import { clearRemoteCredential, listRemotes, removeRemote, saveRemote, setRemoteCredential } from './remote-admin';
import { requireRemoteNames } from './remote-config';
import { remoteServices } from './remote-endpoint';
import { nodeHttpClient, type HttpClient } from './http-transport';
import type { SecretStore } from './secret-store';
import { remoteStatus } from './remote-state';
import { parseRemoteUrl } from './remote-url';
import { keyEnvironment } from '../launcher/held-secrets';

/** Knobs for tests and the bench: the environment tokens are read from, and the HTTP client. */
export interface RemoteTuning {
  env?: NodeJS.ProcessEnv;
  http?: HttpClient;
}

export interface RemoteHandlerContext extends RemoteTuning {
  requireWorkspace(): Workspace;
  jobs: JobRunner;
  emit: AppEventListener;
  secrets: SecretStore;
  /** The app's version, sent to servers as agent=fleet-control/<version>. */
  version: string;
  log(message: string, error?: unknown): void;
}

type RemoteHandlers = Pick<FleetHandlers, keyof typeof remoteMethods>;

/** Handlers for every remote method of the contract. */
export function createRemoteHandlers(context: RemoteHandlerContext): RemoteHandlers {
  const { jobs, emit, log } = context;
  const services = remoteServices({ secrets: context.secrets, env: context.env ?? keyEnvironment(), http: context.http ?? nodeHttpClient, version: context.version });
  const workspace = () => context.requireWorkspace();

  return {
    listRemotes: () => listRemotes(services, workspace()),
    saveRemote: (input) => saveRemote(services, workspace(), input),
    removeRemote: async ({ name }) => ({ removed: await removeRemote(services, workspace(), name) }),
    setRemoteCredential: (input) => setRemoteCredential(services, workspace(), input),
    clearRemoteCredential: ({ name }) => clearRemoteCredential(services, workspace(), name),
    getRemoteStatus: async ({ remotes }) => {
      const ws = workspace();
      return Promise.all((await requireRemoteNames(ws.repo, remotes)).map((remote) => remoteStatus(ws, remote)));
    },
    previewPush: async ({ remotes, branches }) => {
      const ws = workspace();
      return previewPush(ws, services, { remotes: await requireRemoteNames(ws.repo, remotes), branches });
    },
    fetchRemotes: async ({ remotes }) => {
      const ws = workspace();
      const names = await requireRemoteNames(ws.repo, remotes);
      const jobId = jobs.start(
        'fetch',
        async (job) => {
          try {
            let done = 0;
            return await fetchRemotes(ws, services, names, {
              signal: job.signal,
              log,
              onProgress: (message) => job.progress(done, names.length, message),
              onRemoteDone: (result) => job.progress(++done, names.length, `${result.remote}: ${result.error ? result.error.message : 'fetched'}`),
            });
          } finally {
            emit('boardChanged', { reason: 'refs' });
          }
        },
        (report) => report,
      );
      return { jobId };
    },
    pushBranches: async ({ remotes, branches }) => {
      const ws = workspace();
      const names = await requireRemoteNames(ws.repo, remotes);
      await branchesToPush(ws, branches); // unknown branches are refused now, not inside the job
      const jobId = jobs.start(
        'push',
        async (job) => {
          try {
            return await pushToRemotes(ws, services, {
              remotes: names,
              branches,
              signal: job.signal,
              log,
              onBranch: (remote, branch, state, message) => emit('pushProgress', { jobId: job.jobId, remote, branch, state, message }),
              onActivity: (remote, message, objects) => emit('pushActivity', { jobId: job.jobId, remote, message, objects }),
              onProgress: (done, total, message) => job.progress(done, total, message),
            });
          } finally {
            emit('boardChanged', { reason: 'refs' });
          }
        },
        (report) => report,
      );
      return { jobId };
    },
    cloneRepository: async ({ url, path, token, username }) => {
      if (!isAbsolute(path)) throw new FleetError('INVALID_INPUT', `Clone into a full folder path (such as /home/me/fleet), not "${path}".`, { path });
      // A refused address, a non-empty folder or one that cannot be written is answered now, not as a failed job.
      parseRemoteUrl(url);
      await checkCloneTarget(path);
      await checkWritableFolder(path);
      const jobId = jobs.start(
        'clone',
        (job) => cloneRepository(services, { url, path, token, username, signal: job.signal, onProgress: (done, total, message) => job.progress(done, total, message) }),
        (result) => result,
      );
      return { jobId };
    },
  };
}
