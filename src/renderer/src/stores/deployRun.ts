// Deploys from the Deploy screen: the confirmation (a plain yes, or the environment's name typed), the start (with
// the consent dialog first when the deploy command is not yet confirmed on this machine), the runs as deployProgress
// reports them, their logs, and Cancel.

import { create } from 'zustand';
import type { DeployPlan, DeployRun } from '../../../shared/types-deploy';
import type { UntrustedCommands } from '../../../shared/types-trust';
import { api, ApiError, asApiError } from '../api';
import { appendBounded, isFinished } from '../lib/deployView';
import { askCommandConsent } from './commandConsent';
import { useDeployStore } from './deploy';

interface DeployRunStore {
  /** The plan waiting for the user's confirmation. */
  confirming: DeployPlan | null;
  starting: boolean;
  startError: ApiError | null;
  /** Runs seen in this window by id (running, or ended since it opened). */
  runs: Record<string, DeployRun>;
  logs: Record<string, string>;
  /** Per environment, the run its screen follows (started here, or found running). */
  following: Record<string, string>;
  cancelling: Record<string, boolean>;
  askToDeploy: (plan: DeployPlan) => void;
  closeConfirm: () => void;
  /** Starts the confirmed deploy with what the user typed. */
  deployConfirmed: (typed: string) => Promise<void>;
  /** Shows a deploy running now or ended since the app started (its run and its log so far). */
  follow: (environment: string, deployId: string) => Promise<void>;
  cancel: (deployId: string) => Promise<void>;
  onProgress: (run: DeployRun) => void;
  onOutput: (deployId: string, chunk: string) => void;
}

export const useDeployRunStore = create<DeployRunStore>((set, get) => {
  async function readLog(deployId: string): Promise<void> {
    try {
      const log = await api.readDeployLog({ deployId });
      if (log.text !== null) set((s) => ({ logs: { ...s.logs, [deployId]: appendBounded('', log.text!) } }));
    } catch {
      // The log is extra: the run itself says how it went.
    }
  }

  async function start(plan: DeployPlan, typed: string): Promise<void> {
    const environment = plan.environment.def.name;
    const commit = plan.target.commit;
    if (!commit) return;
    set({ starting: true, startError: null, confirming: null });
    try {
      const { deployId } = await api.startDeploy({ environment, commit, ...(plan.confirmation === 'name' ? { confirm: typed.trim() } : {}) });
      set((s) => ({ starting: false, following: { ...s.following, [environment]: deployId } }));
      // Events may have arrived before the id did; otherwise the first one is on its way.
      if (!get().runs[deployId]) void get().follow(environment, deployId);
    } catch (error) {
      const e = asApiError(error);
      set({ starting: false });
      // A deploy command not confirmed on this machine: ask, then start again with the same confirmation.
      if (askCommandConsent(e, () => start(plan, typed))) return;
      set({ startError: e });
      // A moved branch or a changed manifest: the plan shown is out of date.
      if (e.code === 'BRANCH_MOVED' || e.code === 'DEPLOY_RUNNING') void useDeployStore.getState().refreshSelected();
    }
  }

  return {
    confirming: null,
    starting: false,
    startError: null,
    runs: {},
    logs: {},
    following: {},
    cancelling: {},

    askToDeploy: (plan) => set({ confirming: plan, startError: null }),
    closeConfirm: () => set({ confirming: null }),

    deployConfirmed: async (typed) => {
      const plan = get().confirming;
      if (!plan || get().starting) return;
      if (plan.untrusted) {
        // Ask for the command's consent before anything starts; Run starts the deploy.
        set({ confirming: null });
        const untrusted: UntrustedCommands = plan.untrusted;
        if (askCommandConsent(new ApiError('COMMAND_NOT_TRUSTED', '', { ...untrusted }), () => start(plan, typed))) return;
      }
      await start(plan, typed);
    },

    follow: async (environment, deployId) => {
      set((s) => ({ following: { ...s.following, [environment]: deployId } }));
      try {
        const run = await api.getDeploy({ deployId });
        // A newer event may already be here.
        if (!get().runs[deployId] || !isFinished(get().runs[deployId]!)) get().onProgress(run);
      } catch (error) {
        set({ startError: asApiError(error) });
      }
      void readLog(deployId);
    },

    cancel: async (deployId) => {
      set((s) => ({ cancelling: { ...s.cancelling, [deployId]: true } }));
      try {
        await api.cancelDeploy({ deployId });
      } catch (error) {
        // It ended first: its last deployProgress says how.
        set((s) => ({ cancelling: { ...s.cancelling, [deployId]: false }, startError: asApiError(error) }));
      }
    },

    onProgress: (run) => {
      const before = get().runs[run.deployId];
      set((s) => ({ runs: { ...s.runs, [run.deployId]: run } }));
      if (isFinished(run) && (!before || !isFinished(before))) {
        set((s) => ({ cancelling: { ...s.cancelling, [run.deployId]: false } }));
        // The full log (a followed run's lines arrive once it is done) and the new history and plan.
        void readLog(run.deployId);
        if (useDeployStore.getState().selected === run.environment) void useDeployStore.getState().refreshSelected();
      }
    },

    onOutput: (deployId, chunk) => set((s) => ({ logs: { ...s.logs, [deployId]: appendBounded(s.logs[deployId] ?? '', chunk) } })),
  };
});

api.on('deployProgress', (run) => useDeployRunStore.getState().onProgress(run));
api.on('deployOutput', ({ deployId, chunk }) => useDeployRunStore.getState().onOutput(deployId, chunk));
