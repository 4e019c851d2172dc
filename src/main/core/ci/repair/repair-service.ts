// CI repair over the implementation runs: "Fix with agent" starts a run on the module whose instruction holds the
// failure context and records which CI failure it repairs; automatic repair (off by default) does the same for a new
// failure seen by the CI poller, within the cap per branch and the budget. A repair ends as a run to review like any
// other: nothing here accepts, commits, pushes or merges.

import type { z } from 'zod';
import type { EventName, EventPayload } from '../../../../shared/contract';
import type { StartCiRepairSchema } from '../../../../shared/contract-ci-repair';
import { toErrorPayload } from '../../../../shared/errors';
import type { CiStatus } from '../../../../shared/types-ci';
import type { CiFailureContext, CiRepairSettings, CiRepairState } from '../../../../shared/types-ci-repair';
import type { ImplementRequest, ImplementRun, ImplementStarted } from '../../../../shared/types-implement';
import { estimateImplement } from '../../implement/service/estimate';
import type { ImplementService } from '../../implement/service/implement-service';
import type { StoredRun } from '../../implement/service/run-store';
import type { Workspace } from '../../workspace/workspace';
import type { FollowingHold } from '../ci-poller';
import type { CiServices } from '../ci-host';
import { budgetRefusal, decideAutoRepair, type Notice } from './auto-repair';
import { buildFailureContext } from './failure-context';
import { CiRepairStore, ciRepairFolder, withRepair, type BranchRepairs } from './repair-store';

export type StartCiRepair = z.output<typeof StartCiRepairSchema>;

export interface CiRepairContext {
  appDataDir: string;
  ci: CiServices;
  implement: ImplementService;
  current(): { workspace: Workspace };
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  log(message: string, error?: unknown): void;
  /** Keeps the CI poller at its visible pace while a repair run works (released when it ends). */
  follow?(reason: string): FollowingHold;
}

const WORKING = new Set(['queued', 'preparing', 'running', 'checking']);

export class CiRepairService {
  private readonly stores = new Map<string, CiRepairStore>();
  /** The poller holds of repair runs working now, by run id. */
  private readonly holds = new Map<string, FollowingHold>();
  private observing: Promise<void> = Promise.resolve();

  constructor(readonly context: CiRepairContext) {}

  /** The open workspace's repair records and settings. */
  store(workspace = this.context.current().workspace): CiRepairStore {
    let store = this.stores.get(workspace.path);
    if (!store) {
      store = new CiRepairStore(ciRepairFolder(this.context.appDataDir, workspace.path), (m) => this.context.log(m));
      this.stores.set(workspace.path, store);
    }
    return store;
  }

  settings(): Promise<CiRepairSettings> {
    return this.store().settings();
  }

  saveSettings(settings: CiRepairSettings): Promise<CiRepairSettings> {
    return this.store().saveSettings(settings);
  }

  /** The failing checks of the module's branch with summaries, excerpts and the pre-filled instruction. */
  failureContext(request: { moduleId: string; remote?: string; tip?: string }): Promise<CiFailureContext> {
    return buildFailureContext(this.context.ci, this.context.current().workspace, request);
  }

  /** Starts a repair run (the Implement dialog's choices, the instruction, the failure it repairs); it ends in review. */
  async start(request: StartCiRepair, auto = false): Promise<ImplementStarted> {
    const ws = await this.context.implement.forCurrent();
    const { moduleId, repairs, ...choice } = request;
    const implement: ImplementRequest = { ...choice, modules: [moduleId], concurrency: 1 };
    const started = await ws.start(implement, { ciRepair: { remote: repairs.remote, host: repairs.host, tip: repairs.tip, checks: repairs.checks, url: repairs.url ?? null, auto } });
    for (const runId of started.runIds) this.followRun(runId, moduleId, ws.store.run(runId)?.state);
    const at = new Date().toISOString();
    await this.store(ws.workspace).update(moduleId, (current) => withRepair(current, { tip: repairs.tip, runId: started.runIds[0]!, auto, at, checks: repairs.checks }));
    await this.announce(moduleId);
    return started;
  }

  /** Every module with a repair or a notice: repairing, waiting for review, the newest run, the counts. */
  async states(): Promise<CiRepairState[]> {
    const ws = await this.context.implement.forCurrent();
    const ids = new Set([...(await this.store(ws.workspace).modules()), ...ws.store.allRuns().filter((r) => r.ciRepair).map((r) => r.moduleId)]);
    return Promise.all([...ids].sort().map((id) => this.stateOf(id)));
  }

  async stateOf(moduleId: string): Promise<CiRepairState> {
    const ws = await this.context.implement.forCurrent();
    const record = await this.store(ws.workspace).branch(moduleId);
    const runs = ws.store.allRuns().filter((r) => r.moduleId === moduleId && r.ciRepair).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
    const newest: StoredRun | undefined = runs.at(-1);
    const status = !newest ? null : WORKING.has(newest.state) ? 'repairing' : newest.state === 'review' ? 'review' : null;
    return { moduleId, branch: `${ws.workspace.manifest.branchPrefix}${moduleId}`, status, runId: newest?.runId ?? null, ...record };
  }

  /** Runs ids of repairs working now: the CI poller keeps its visible pace while there are any. */
  async following(): Promise<string[]> {
    const ws = await this.context.implement.forCurrent();
    return ws.store.allRuns().filter((r) => r.ciRepair && WORKING.has(r.state)).map((r) => r.runId);
  }

  private followRun(runId: string, moduleId: string, state: string | undefined): void {
    if (!this.context.follow || this.holds.has(runId) || !state || !WORKING.has(state)) return;
    this.holds.set(runId, this.context.follow(`repair of ${moduleId}`));
  }

  /** A run ended (or rests in review): a repair's poller hold is released and its module's chip changes. */
  runSettled(run: ImplementRun): void {
    if (!run.ciRepair) return;
    if (!WORKING.has(run.state)) {
      this.holds.get(run.runId)?.release();
      this.holds.delete(run.runId);
    }
    void this.announce(run.moduleId).catch((error: unknown) => this.context.log('could not announce a CI repair', error));
  }

  /** Releases every hold (the app is closing). */
  dispose(): void {
    for (const hold of this.holds.values()) hold.release();
    this.holds.clear();
  }

  private async announce(moduleId: string): Promise<void> {
    this.context.emit('ciRepairChanged', await this.stateOf(moduleId));
  }

  /** Automatic repair's look at a new CI status (one at a time, in order); never throws. */
  observe(status: CiStatus): Promise<void> {
    this.observing = this.observing.then(() => this.observeNow(status)).catch((error: unknown) => this.context.log('automatic CI repair failed', error));
    return this.observing;
  }

  private async observeNow(status: CiStatus): Promise<void> {
    const store = this.store();
    const settings = await store.settings();
    const ws = await this.context.implement.forCurrent();
    const running = ws.moduleStatuses();
    for (const branch of status.branches) {
      if (branch.role !== 'module' || !branch.moduleId) continue;
      const moduleId = branch.moduleId;
      const record = await store.branch(moduleId);
      if (branch.state === 'passing') {
        if (record.autoSinceGreen > 0 || record.notice) {
          await store.update(moduleId, (r) => ({ ...r, autoSinceGreen: 0, notice: null }));
          await this.announce(moduleId);
        }
        continue;
      }
      const decision = decideAutoRepair(branch, record, settings, running.get(moduleId) ?? null);
      if (!decision.start) {
        if (decision.notice) await this.notice(moduleId, record, { ...decision.notice, tip: branch.hostTip! });
        continue;
      }
      await this.autoStart(moduleId, status.remote, branch.hostTip!, settings, record);
    }
  }

  private async autoStart(moduleId: string, remote: string, tip: string, settings: CiRepairSettings, record: BranchRepairs): Promise<void> {
    const ws = await this.context.implement.forCurrent();
    const choice = { engine: settings.engine, provider: settings.provider, model: settings.model, budgetUsd: settings.budgetUsd ?? undefined, maxTurns: settings.maxTurns, maxMinutes: settings.maxMinutes };
    try {
      const refusal = budgetRefusal(await estimateImplement(ws, { ...choice, modules: [moduleId] }), settings);
      if (refusal) return await this.notice(moduleId, record, { kind: 'budget', text: refusal, tip });
      const context = await this.failureContext({ moduleId, remote, tip });
      const checks = context.checks.map((c) => c.name);
      await this.start({ ...choice, moduleId, instruction: context.instruction, repairs: { remote: context.remote, host: context.host, tip, checks, url: context.checks.find((c) => c.url)?.url ?? null } }, true);
    } catch (error) {
      await this.notice(moduleId, record, { kind: 'error', text: `Automatic repair could not start: ${toErrorPayload(error).message}`, tip });
    }
  }

  /** Records why automatic repair did not start (once per tip and reason). */
  private async notice(moduleId: string, record: BranchRepairs, notice: Omit<Notice, 'at'>): Promise<void> {
    const same = record.notice && record.notice.kind === notice.kind && record.notice.tip === notice.tip && record.notice.text === notice.text;
    if (same) return;
    await this.store().update(moduleId, (r) => ({ ...r, notice: { ...notice, at: new Date().toISOString() } }));
    await this.announce(moduleId);
  }
}
