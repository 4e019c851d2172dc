// Settings → Remotes → CI runners: each remote's set-up state (read on demand, never polled: it asks GitHub), and the
// set-up pull request opened as a job followed through the jobs store, after which the state is read again.

import { create } from 'zustand';
import type { FleetErrorPayload } from '../../../shared/errors';
import type { JobFinished } from '../../../shared/types';
import type { RunnerSetupResult, RunnerSetupState } from '../../../shared/types-runner-setup';
import { api, ApiError, asApiError } from '../api';

interface RunnerSetupStore {
  states: RunnerSetupState[] | null;
  loading: boolean;
  error: ApiError | null;
  /** The running set-up job per remote. */
  jobs: Record<string, string>;
  /** The last finished set-up per remote, or why it failed. */
  results: Record<string, RunnerSetupResult>;
  failures: Record<string, ApiError>;
  load: () => Promise<void>;
  propose: (remote: string) => Promise<void>;
}

const fromPayload = (p: FleetErrorPayload) => new ApiError(p.code, p.message, p.data);

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _, ...rest } = record;
  return rest;
}

export const useRunnerSetupStore = create<RunnerSetupStore>((set) => ({
  states: null,
  loading: false,
  error: null,
  jobs: {},
  results: {},
  failures: {},

  load: async () => {
    set({ loading: true, error: null });
    try {
      set({ states: await api.runnerSetupState({}), loading: false });
    } catch (error) {
      set({ loading: false, error: asApiError(error) });
    }
  },

  propose: async (remote) => {
    set((s) => ({ failures: without(s.failures, remote), results: without(s.results, remote) }));
    try {
      const { jobId } = await api.proposeRunnerSetup({ remote });
      set((s) => ({ jobs: { ...s.jobs, [remote]: jobId } }));
      // The job may have finished before its id came back (a fast "up to date", a refusal).
      const early = unclaimed.get(jobId);
      if (early?.kind === 'runner-setup') settle(remote, early);
    } catch (error) {
      set((s) => ({ failures: { ...s.failures, [remote]: asApiError(error) } }));
    }
  },
}));

/** Set-up jobs that finished before this window knew their id. */
const unclaimed = new Map<string, JobFinished>();

function settle(remote: string, finished: Extract<JobFinished, { kind: 'runner-setup' }>): void {
  unclaimed.delete(finished.jobId);
  useRunnerSetupStore.setState((s) => ({
    jobs: without(s.jobs, remote),
    results: finished.ok && finished.result ? { ...s.results, [remote]: finished.result } : s.results,
    // A cancel is the user's own doing: no error box for it.
    failures: !finished.ok && finished.error && finished.error.code !== 'CANCELLED' ? { ...s.failures, [remote]: fromPayload(finished.error) } : s.failures,
  }));
  void useRunnerSetupStore.getState().load();
}

api.on('jobFinished', (finished) => {
  if (finished.kind !== 'runner-setup') return;
  const { jobs } = useRunnerSetupStore.getState();
  const remote = Object.keys(jobs).find((name) => jobs[name] === finished.jobId);
  if (remote) settle(remote, finished);
  else unclaimed.set(finished.jobId, finished);
});
