// Runs a batch's queue: at most `concurrency` runs at once, one run per module at a time (so a TO-BE run sees the
// AS-IS draft its batch just wrote), a budget check before each run, and a stop on auth, quota or unreachable
// answers. Cancel stops runs now; a shutdown leaves them queued, so the batch resumes after a restart.

import { toErrorPayload, type FleetErrorPayload } from '../../../shared/errors';
import type { BatchProgress, RunRecord } from '../../../shared/types-agents';
import type { BudgetLedger } from './budget';
import type { AbortReason } from './run-execute';
import type { RunPlan } from './run-plan';
import { totalsOf, type RunStore, type StoredBatch } from './run-store';

/** Answers after which every other run on the provider would fail the same way. */
const STOPS_BATCH = new Set(['AUTH_FAILED', 'QUOTA_EXHAUSTED', 'KEY_MISSING', 'PROVIDER_UNREACHABLE', 'MODEL_NOT_FOUND']);
/** Answers that stop the provider's queue in every batch until its key changes or a test succeeds. */
export const HALTS_PROVIDER = new Set(['AUTH_FAILED', 'QUOTA_EXHAUSTED', 'KEY_MISSING']);

export interface BatchDeps {
  store: RunStore;
  ledger: BudgetLedger;
  plan(run: RunRecord, batch: StoredBatch): Promise<RunPlan>;
  execute(run: RunRecord, plan: RunPlan, batch: StoredBatch, signal: AbortSignal): Promise<RunRecord>;
  /** When (ms since epoch) and why the provider was halted, or null. */
  halted(providerId: string): { at: number; error: FleetErrorPayload } | null;
  halt(providerId: string, error: FleetErrorPayload): void;
  emitBatch(progress: BatchProgress): void;
  emitRunFinished(run: RunRecord): void;
  log(message: string, error?: unknown): void;
}

interface ActiveBatch {
  runs: Map<string, AbortController>;
  cancelled: boolean;
  shutdown: boolean;
  wake: () => void;
  done: Promise<void>;
}

export class BatchRunner {
  private readonly active = new Map<string, ActiveBatch>();

  constructor(private readonly deps: BatchDeps) {}

  isActive(batchId: string): boolean {
    return this.active.has(batchId);
  }

  /** True when a run of (module, kind) is queued or running in an active batch. */
  isBusy(moduleId: string, kind: string): boolean {
    for (const batchId of this.active.keys()) {
      const batch = this.deps.store.batch(batchId);
      if (batch && this.deps.store.runsOf(batch).some((r) => r.moduleId === moduleId && r.kind === kind && (r.state === 'queued' || r.state === 'running'))) return true;
    }
    return false;
  }

  /** Starts working through the batch's queued runs; the promise settles when the batch ends. */
  start(batch: StoredBatch): Promise<void> {
    let wake: () => void = () => undefined;
    const active: ActiveBatch = { runs: new Map(), cancelled: false, shutdown: false, wake: () => wake(), done: Promise.resolve() };
    active.wake = () => wake();
    this.active.set(batch.batchId, active);
    active.done = this.loop(batch, active, (fn) => (wake = fn))
      .catch((error: unknown) => this.deps.log(`The batch ${batch.batchId} stopped unexpectedly`, error))
      .finally(() => this.active.delete(batch.batchId));
    return active.done;
  }

  /** Cancels every run of the batch that has not finished. */
  cancelBatch(batchId: string): boolean {
    const active = this.active.get(batchId);
    if (!active) return false;
    active.cancelled = true;
    for (const controller of active.runs.values()) controller.abort('cancel' satisfies AbortReason);
    active.wake();
    return true;
  }

  /** Cancels one run: aborts it when running, marks it cancelled when still queued. */
  async cancelRun(runId: string): Promise<boolean> {
    const run = this.deps.store.run(runId);
    if (!run) return false;
    const active = this.active.get(run.batchId);
    const controller = active?.runs.get(runId);
    if (controller) {
      controller.abort('cancel' satisfies AbortReason);
      return true;
    }
    if (run.state !== 'queued') return false;
    const cancelled: RunRecord = { ...run, state: 'cancelled', finishedAt: new Date().toISOString(), error: { code: 'CANCELLED', message: 'The run was cancelled before it started.' } };
    await this.deps.store.saveRun(cancelled);
    this.deps.emitRunFinished(cancelled);
    active?.wake();
    return true;
  }

  /** Stops every batch for a quit: running runs go back to the queue, and the batches are marked interrupted. */
  async shutdown(): Promise<void> {
    for (const active of this.active.values()) {
      active.shutdown = true;
      for (const controller of active.runs.values()) controller.abort('shutdown' satisfies AbortReason);
      active.wake();
    }
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
  }

  progress(batch: StoredBatch): BatchProgress {
    const totals = totalsOf(this.deps.store.runsOf(batch));
    return {
      batchId: batch.batchId,
      state: batch.state,
      total: totals.runs,
      done: totals.runs - totals.queued,
      succeeded: totals.succeeded,
      failed: totals.failed,
      spentUsd: totals.costUsd,
      reservedUsd: this.deps.ledger.reservedUsd(batch.batchId),
      stopReason: batch.stopReason,
    };
  }

  private async loop(initial: StoredBatch, active: ActiveBatch, onWake: (fn: () => void) => void): Promise<void> {
    const { deps } = this;
    const startedAt = Date.now();
    let batch: StoredBatch = { ...initial, state: 'running', stopReason: null };
    await deps.store.saveBatch(batch);
    deps.emitBatch(this.progress(batch));
    const inFlight = new Map<string, Promise<void>>();
    const busyModules = new Set<string>();
    let stopReason: FleetErrorPayload | null = null;
    // Resolves when a run finishes or someone cancels: the loop then looks again.
    const nextChange = (): Promise<void> => new Promise<void>((resolve) => {
      onWake(resolve);
      for (const p of inFlight.values()) void p.then(resolve);
    });

    const finished = (record: RunRecord): void => {
      deps.ledger.release(record.runId);
      busyModules.delete(record.moduleId);
      active.runs.delete(record.runId);
      if (record.state !== 'queued') deps.emitRunFinished(record);
      const code = record.error?.code;
      if (record.state === 'failed' && code && STOPS_BATCH.has(code)) {
        stopReason ??= record.error;
        if (HALTS_PROVIDER.has(code)) deps.halt(batch.provider, record.error!);
      }
      deps.emitBatch(this.progress(batch));
    };

    for (;;) {
      if (active.cancelled || active.shutdown) break;
      const halted = deps.halted(batch.provider);
      if (halted && halted.at >= startedAt) stopReason ??= halted.error;
      if (stopReason) break;
      const next = deps.store.runsOf(batch).find((r) => r.state === 'queued' && !inFlight.has(r.runId) && !busyModules.has(r.moduleId));
      if (!next || inFlight.size >= batch.concurrency) {
        if (inFlight.size === 0 && !next) break;
        await nextChange();
        continue;
      }
      busyModules.add(next.moduleId);
      let plan: RunPlan;
      try {
        plan = await deps.plan(next, batch);
      } catch (error) {
        busyModules.delete(next.moduleId);
        await this.settleWithoutRunning(next, 'failed', toErrorPayload(error));
        continue;
      }
      // The world may have moved while the plan was read: a cancel, a quit, or this run cancelled on its own.
      if (active.cancelled || active.shutdown || deps.store.run(next.runId)?.state !== 'queued') {
        busyModules.delete(next.moduleId);
        continue;
      }
      if (plan.blocked) {
        busyModules.delete(next.moduleId);
        await this.settleWithoutRunning(next, 'skipped', { code: plan.blocked.code, message: plan.blocked.message });
        continue;
      }
      const worst = plan.worstCaseUsd ?? 0;
      const overBudget = deps.ledger.check({ batchId: batch.batchId, capUsd: batch.budgetUsd, spentUsd: totalsOf(deps.store.runsOf(batch)).costUsd }, worst, `${next.moduleId} ${next.kind}`);
      if (overBudget) {
        busyModules.delete(next.moduleId);
        // Runs in flight may cost less than they reserved: look again when they finish, stop only when none is left.
        if (inFlight.size > 0) {
          await nextChange();
          continue;
        }
        stopReason = overBudget.toPayload();
        break;
      }
      deps.ledger.reserve(next.runId, batch.batchId, worst);
      const controller = new AbortController();
      active.runs.set(next.runId, controller);
      const running = deps
        .execute(next, plan, batch, controller.signal)
        .then(finished, (error: unknown) => {
          deps.log(`The run ${next.runId} failed unexpectedly`, error);
          deps.ledger.release(next.runId);
          busyModules.delete(next.moduleId);
          active.runs.delete(next.runId);
        })
        .finally(() => inFlight.delete(next.runId));
      inFlight.set(next.runId, running);
    }
    await Promise.allSettled([...inFlight.values()]);

    const left = deps.store.runsOf(batch).filter((r) => r.state === 'queued');
    if (active.shutdown) batch = { ...batch, state: 'interrupted' };
    else if (active.cancelled) {
      for (const run of left) await this.settleWithoutRunning(run, 'cancelled', { code: 'CANCELLED', message: 'The batch was cancelled before this run started.' });
      batch = { ...batch, state: 'cancelled' };
    } else if (stopReason) {
      for (const run of left) await this.settleWithoutRunning(run, 'skipped', { code: stopReason.code, message: `Not started: ${stopReason.message}` });
      batch = { ...batch, state: 'stopped', stopReason };
    } else batch = { ...batch, state: 'finished' };
    await deps.store.saveBatch(batch);
    deps.emitBatch(this.progress(batch));
  }

  private async settleWithoutRunning(run: RunRecord, state: 'failed' | 'skipped' | 'cancelled', error: FleetErrorPayload): Promise<void> {
    const record: RunRecord = { ...run, state, finishedAt: new Date().toISOString(), error };
    await this.deps.store.saveRun(record);
    this.deps.emitRunFinished(record);
  }
}
