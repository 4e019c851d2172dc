// Checks per module: every module's latest result and live state (for the board's badges), the settings form's
// data, the batch job, and the log of the modules whose panel is open, following checkStatus / checkOutput; where
// checks run (here, or on a CI runner: those become a remote batch of checks in stores/remoteBatch).

import { create } from 'zustand';
import type { ChecksConfig, ModuleCheck } from '../../../shared/checks-config';
import type { CheckResult, CheckSettings, CheckStatus } from '../../../shared/types-checks';
import { api, asApiError, type ApiError } from '../api';
import { checkableModules, remoteCheckRequest } from '../components/checks/remoteCheckView';
import type { RunWhere } from '../components/remote/remoteTargets';
import { appendToLog, logFromText, type ModuleLog } from '../lib/checkLog';
import { useBoardStore } from './board';
import { askCommandConsent } from './commandConsent';
import { useConnectionStore } from './connection';
import { useRemoteBatchStore } from './remoteBatch';

interface ChecksStore {
  results: Record<string, CheckResult>;
  /** Modules queued or running now. */
  active: Record<string, 'queued' | 'running'>;
  jobId: string | null;
  /** Why the last check of a module could not run at all (its branch was deleted). */
  problems: Record<string, ApiError>;
  logs: Record<string, ModuleLog>;
  settings: CheckSettings | null;
  error: ApiError | null;
  loadOverview: () => Promise<void>;
  loadSettings: () => Promise<void>;
  saveSettings: (checks: ChecksConfig | null) => Promise<boolean>;
  /** Sets (or with null removes) one module's own command or time limit, keeping the workspace's. */
  saveOverride: (moduleId: string, check: ModuleCheck | null) => Promise<boolean>;
  run: (modules: string[] | 'all') => Promise<void>;
  /** Where Run checks sends them (the board's bar and the module's tab share it). */
  where: RunWhere;
  setWhere: (where: RunWhere) => void;
  /** Runs checks where chosen: here (run), or one CI run per module as a remote batch. */
  runWhere: (modules: string[] | 'all') => Promise<void>;
  cancelModule: (moduleId: string) => Promise<void>;
  loadLog: (moduleId: string) => Promise<void>;
  onStatus: (status: CheckStatus) => void;
  onOutput: (moduleId: string, chunk: string) => void;
}

export const useChecksStore = create<ChecksStore>((set, get) => ({
  results: {},
  active: {},
  jobId: null,
  problems: {},
  logs: {},
  settings: null,
  error: null,
  where: { target: 'here' },

  loadOverview: async () => {
    try {
      const overview = await api.listChecks({});
      set({
        results: Object.fromEntries(overview.results.map((r) => [r.moduleId, r])),
        active: Object.fromEntries(overview.active.map((a) => [a.moduleId, a.state])),
        jobId: overview.jobId,
      });
    } catch {
      // No workspace open yet: the badges stay empty until one is.
    }
  },

  loadSettings: async () => {
    try {
      set({ settings: await api.getCheckSettings({}), error: null });
    } catch (error) {
      set({ error: asApiError(error) });
    }
  },

  saveSettings: async (checks) => {
    try {
      const settings = await api.saveCheckSettings({ checks, expectedTip: get().settings?.workspaceTip ?? undefined });
      set({ settings, error: null });
      return true;
    } catch (error) {
      set({ error: asApiError(error) });
      return false;
    }
  },

  saveOverride: async (moduleId, check) => {
    const current = get().settings;
    try {
      const settings = await api.saveCheckSettings({ checks: current?.checks ?? null, overrides: [{ moduleId, check }], expectedTip: current?.workspaceTip ?? undefined });
      set({ settings, error: null });
      return true;
    } catch (error) {
      set({ error: asApiError(error) });
      return false;
    }
  },

  run: async (modules) => {
    set({ error: null });
    try {
      const { jobId } = await api.runChecks({ modules });
      set({ jobId });
    } catch (error) {
      // A command from the manifest not yet confirmed here: the dialog asks, and Run tries again.
      const problem = asApiError(error);
      if (!askCommandConsent(problem, () => get().run(modules))) set({ error: problem });
    }
  },

  setWhere: (where) => set({ where }),

  runWhere: async (modules) => {
    const where = get().where;
    if (where.target === 'here') return get().run(modules);
    set({ error: null });
    const chosen = modules === 'all' ? checkableModules(useBoardStore.getState().board?.modules ?? []) : modules;
    try {
      const started = await api.startRemoteBatch(remoteCheckRequest(chosen, where));
      const remote = useRemoteBatchStore.getState();
      remote.putBatch(started.batch);
      started.runs.forEach((r) => remote.putRun(r));
    } catch (error) {
      set({ error: asApiError(error) });
    }
  },

  cancelModule: async (moduleId) => {
    try {
      await api.cancelCheck({ moduleId });
    } catch (error) {
      set({ error: asApiError(error) });
    }
  },

  loadLog: async (moduleId) => {
    try {
      const log = await api.readCheckLog({ moduleId });
      set((s) => ({ logs: { ...s.logs, [moduleId]: logFromText(log.text ?? '', log.running) } }));
    } catch (error) {
      set({ error: asApiError(error) });
    }
  },

  onStatus: (status) => {
    set((s) => {
      const active = { ...s.active };
      const problems = { ...s.problems };
      const results = { ...s.results };
      const logs = { ...s.logs };
      if (status.state === 'queued' || status.state === 'running') {
        active[status.moduleId] = status.state;
        delete problems[status.moduleId];
        // A new run starts a new log.
        if (status.state === 'running') logs[status.moduleId] = { text: '', trimmed: false, running: true };
      } else {
        delete active[status.moduleId];
        if (status.result) results[status.moduleId] = { ...status.result, stale: false };
        if (status.error) problems[status.moduleId] = asApiError(status.error);
        const log = logs[status.moduleId];
        if (log) logs[status.moduleId] = { ...log, running: false };
      }
      return { active, problems, results, logs, jobId: status.jobId };
    });
  },

  onOutput: (moduleId, chunk) => set((s) => ({ logs: { ...s.logs, [moduleId]: appendToLog(s.logs[moduleId], chunk) } })),
}));

let refreshTimer: ReturnType<typeof setTimeout> | null = null;
/** Staleness follows the branches: read the results again shortly after the board changes (and the settings, which a commit elsewhere may have changed). */
function scheduleOverview(): void {
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    const store = useChecksStore.getState();
    void store.loadOverview();
    if (store.settings) void store.loadSettings();
  }, 150);
}

api.on('checkStatus', (status) => useChecksStore.getState().onStatus(status));
api.on('checkOutput', ({ moduleId, chunk }) => useChecksStore.getState().onOutput(moduleId, chunk));
api.on('boardChanged', scheduleOverview);
api.on('workspaceChanged', () => {
  useChecksStore.setState({ results: {}, active: {}, logs: {}, problems: {}, settings: null, jobId: null, where: { target: 'here' } });
  scheduleOverview();
});
api.on('jobFinished', (finished) => {
  if (finished.kind === 'checks') scheduleOverview();
});
// Events sent while the link was down are lost: read the results again once it is back.
useConnectionStore.subscribe((s, prev) => {
  if (s.reconnects !== prev.reconnects) scheduleOverview();
});
