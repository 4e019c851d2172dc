// Runs an implementation batch's queue: at most `concurrency` runs at once, one run per module at a time, a working
// copy only while fewer than the settings' limit exist, and a stop (the rest not started) when a run meets a cap of
// the batch or the workspace or an answer every other run would meet too (auth, quota, no key). Cancel stops runs now;
// a shutdown interrupts them and leaves the rest queued, so the batch resumes after a restart.

import type { FleetErrorPayload } from '../../../../shared/errors';
import type { ImplementBatchProgress } from '../../../../shared/types-implement';
import { HALTS_PROVIDER } from '../../agents/batch-runner';
import type { RunAbortReason } from './run-execute';
import type { ImplementRunStore, StoredImplementBatch, StoredRun } from './run-store';

/** Run endings after which every other run of the batch would end the same way: the provider's halts, and more. */
const STOPS_BATCH = new Set([...HALTS_PROVIDER, 'PROVIDER_UNREACHABLE', 'MODEL_NOT_FOUND', 'ENGINE_UNAVAILABLE']);

export interface QueueDeps {
  store: ImplementRunStore;
  execute(run: StoredRun, batch: StoredImplementBatch, signal: AbortSignal): Promise<StoredRun>;
  /** Working copies on disk, counting those the given runs are about to write; and how many may exist. */
  copiesInUse(starting: Iterable<string>): number;
  maxCopies(): number;
  emitBatch(progress: ImplementBatchProgress): void;
  /** A run ended without starting (cancelled, or the batch stopped before it). */
  settled(run: StoredRun): void;
  log(message: string, error?: unknown): void;
}

interface ActiveBatch {
  controllers: Map<string, AbortController>;
  cancelled: boolean;
  shutdown: boolean;
  wake: () => void;
  done: Promise<void>;
}

function stopsBatch(run: StoredRun): FleetErrorPayload | null {
  const error = run.error;
  if (!error) return null;
  if (error.code === 'BUDGET_EXCEEDED' && error.data?.scope !== 'run') return error;
  return STOPS_BATCH.has(error.code) ? error : null;
}

export class ImplementQueue {
  private readonly active = new Map<string, ActiveBatch>();

  constructor(private readonly deps: QueueDeps) {}

  isActive(batchId: string): boolean {
    return this.active.has(batchId);
  }

  /** The controller of a run this queue is running now. */
  controllerOf(runId: string): AbortController | undefined {
    for (const batch of this.active.values()) {
      const found = batch.controllers.get(runId);
      if (found) return found;
    }
    return undefined;
  }

  /** Wakes every batch: a working copy was freed, or a queued run was cancelled. */
  wakeAll(): void {
    for (const batch of this.active.values()) batch.wake();
  }

  progress(batch: StoredImplementBatch): ImplementBatchProgress {
    const runs = this.deps.store.runsOf(batch);
    const running = runs.filter((r) => r.state === 'preparing' || r.state === 'running' || r.state === 'checking').length;
    const done = runs.filter((r) => r.state !== 'queued' && r.state !== 'preparing' && r.state !== 'running' && r.state !== 'checking').length;
    const costUsd = Math.round(runs.reduce((sum, r) => sum + r.costUsd, 0) * 1e6) / 1e6;
    return { batchId: batch.batchId, state: batch.state, total: runs.length, done, running, costUsd, ...(batch.message ? { message: batch.message } : {}) };
  }

  /** Works through the batch's queued runs; settles when the batch ends. */
  start(batch: StoredImplementBatch): Promise<void> {
    const active: ActiveBatch = { controllers: new Map(), cancelled: false, shutdown: false, wake: () => undefined, done: Promise.resolve() };
    this.active.set(batch.batchId, active);
    active.done = this.loop(batch, active)
      .catch((error: unknown) => this.deps.log(`The implementation batch ${batch.batchId} stopped unexpectedly`, error))
      .finally(() => this.active.delete(batch.batchId));
    return active.done;
  }

  cancelBatch(batchId: string): boolean {
    const active = this.active.get(batchId);
    if (!active) return false;
    active.cancelled = true;
    for (const controller of active.controllers.values()) controller.abort('cancel' satisfies RunAbortReason);
    active.wake();
    return true;
  }

  /** Stops every batch for a quit: running runs are interrupted, queued ones stay queued, batches become interrupted. */
  async shutdown(): Promise<void> {
    for (const active of this.active.values()) {
      active.shutdown = true;
      for (const controller of active.controllers.values()) controller.abort('shutdown' satisfies RunAbortReason);
      active.wake();
    }
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
  }

  private async loop(initial: StoredImplementBatch, active: ActiveBatch): Promise<void> {
    const { deps } = this;
    let batch: StoredImplementBatch = { ...initial, state: 'running', message: null };
    await deps.store.saveBatch(batch);
    deps.emitBatch(this.progress(batch));
    const inFlight = new Map<string, Promise<void>>();
    const busy = new Set<string>();
    let stop: FleetErrorPayload | null = null;
    const nextChange = (): Promise<void> =>
      new Promise<void>((resolve) => {
        active.wake = resolve;
        for (const p of inFlight.values()) void p.then(resolve);
      });

    for (;;) {
      if (active.cancelled || active.shutdown || stop) break;
      const next = deps.store.runsOf(batch).find((r) => r.state === 'queued' && !inFlight.has(r.runId) && !busy.has(r.moduleId));
      const noCopy = deps.copiesInUse(inFlight.keys()) >= deps.maxCopies();
      if (!next || inFlight.size >= batch.concurrency || noCopy) {
        if (inFlight.size === 0 && (!next || noCopy)) {
          if (next && noCopy) stop = { code: 'WORKING_COPY_LIMIT', message: `${deps.maxCopies()} working copies exist, the limit: accept or discard runs in review, or raise the limit in the settings.` };
          break;
        }
        await nextChange();
        continue;
      }
      busy.add(next.moduleId);
      const controller = new AbortController();
      active.controllers.set(next.runId, controller);
      const running = deps
        .execute(next, batch, controller.signal)
        .then((ended) => {
          stop ??= stopsBatch(ended);
          deps.emitBatch(this.progress(batch));
        })
        .catch((error: unknown) => deps.log(`The implementation run ${next.runId} failed unexpectedly`, error))
        .finally(() => {
          busy.delete(next.moduleId);
          active.controllers.delete(next.runId);
          inFlight.delete(next.runId);
        });
      inFlight.set(next.runId, running);
      deps.emitBatch(this.progress(batch));
    }
    await Promise.allSettled([...inFlight.values()]);

    const left = deps.store.runsOf(batch).filter((r) => r.state === 'queued');
    if (active.shutdown) batch = { ...batch, state: 'interrupted', message: 'Interrupted when Fleet Control stopped; it resumes at the next start.' };
    else if (active.cancelled) {
      for (const run of left) await this.settleUnstarted(run, 'cancelled', { code: 'CANCELLED', message: 'The batch was cancelled before this run started.' });
      batch = { ...batch, state: 'cancelled', message: null };
    } else if (stop) {
      for (const run of left) await this.settleUnstarted(run, 'failed', { code: stop.code, message: `Not started: ${stop.message}` });
      batch = { ...batch, state: 'stopped', message: stop.message };
    } else batch = { ...batch, state: 'finished', message: null };
    await deps.store.saveBatch(batch);
    deps.emitBatch(this.progress(batch));
  }

  private async settleUnstarted(run: StoredRun, state: 'failed' | 'cancelled', error: FleetErrorPayload): Promise<void> {
    const record: StoredRun = { ...run, state, stop: state === 'cancelled' ? 'cancelled' : 'error', finishedAt: new Date().toISOString(), error };
    await this.deps.store.saveRun(record);
    this.deps.settled(record);
  }
}
