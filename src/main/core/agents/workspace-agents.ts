// Agents of one workspace: run records and batch queues in its app-data folder, the budget ledger, the batch
// runner, the lock against another process running batches too, and the operations behind the contract (estimate,
// start, resume, cancel, list, commit, grounding).

import { join } from 'node:path';
import { FleetError } from '../../../shared/errors';
import type { PriceEntry } from '../../../shared/prices';
import type { ProviderConfig } from '../../../shared/providers';
import type { BatchInfo, BatchRequest, BatchStarted, ResumeNotice, RunList, RunRecord } from '../../../shared/types-agents';
import type { Workspace } from '../workspace/workspace';
import type { ModuleDocuments } from '../docs/module-docs';
import type { AgentService } from './agent-service';
import { AgentSettingsStore } from './agent-settings';
import { planBatch, resolveBatch, type ResolvedBatch } from './batch-resolve';
import { BatchLock } from './batch-lock';
import { BatchRunner } from './batch-runner';
import { BudgetLedger } from './budget';
import { ModuleFiles } from './context/module-files';
import { analyzeModule } from './offline-analyzer';
import { ProgressHub } from './progress-hub';
import type { ProviderClient } from './providers/types';
import { executeRun } from './run-execute';
import { planRun, type RunPlan } from './run-plan';
import { newBatchId, newRun, UNFINISHED } from './run-record';
import { RunStore, totalsOf, type StoredBatch } from './run-store';

export class WorkspaceAgents {
  readonly store: RunStore;
  readonly settings: AgentSettingsStore;
  readonly ledger: BudgetLedger;
  readonly runner: BatchRunner;
  readonly lock: BatchLock;
  /** What the automatic resume did with each interrupted batch since the workspace opened, until dismissed. */
  readonly notices = new Map<string, ResumeNotice>();
  private readonly progress: ProgressHub;
  /** Batches launched by this instance, until their end has released the lock. */
  private readonly launched = new Set<Promise<void>>();
  private loaded: Promise<void> | null = null;
  /** Runs executing now, in every batch of this workspace. */
  private running = 0;
  /** Per active batch: its client and price, fixed when it starts. */
  private readonly batchTools = new Map<string, { client: ProviderClient | null; price: PriceEntry | null; provider: ProviderConfig }>();
  files: ModuleFiles;

  constructor(
    readonly service: AgentService,
    public workspace: Workspace,
    public docs: ModuleDocuments,
    readonly folder: string,
  ) {
    const { context } = service;
    this.files = new ModuleFiles(workspace);
    this.store = new RunStore(folder, (m) => context.log(m));
    this.settings = new AgentSettingsStore(folder);
    this.lock = new BatchLock(join(folder, 'batches.lock'));
    this.ledger = new BudgetLedger({ capUsd: () => this.settings.cached().workspaceBudgetUsd, spentUsd: () => this.store.spentUsd() + (context.otherSpentUsd?.(this.workspace.path) ?? 0) });
    this.progress = new ProgressHub((p) => context.emit('runProgress', p), context.progressIntervalMs ?? 100);
    this.runner = new BatchRunner({
      store: this.store,
      ledger: this.ledger,
      plan: (run, batch) => this.planFor(run, batch),
      execute: (run, plan, batch, signal) => this.execute(run, plan, batch, signal),
      halted: (id) => service.halted(id),
      halt: (id, error) => service.halt(id, error),
      emitBatch: (p) => context.emit('batchProgress', p),
      emitRunFinished: (r) => context.emit('runFinished', r),
      log: (m, e) => context.log(m, e),
    });
  }

  /** Follows a reopened workspace (new objects for the same repository). */
  attach(workspace: Workspace, docs: ModuleDocuments): void {
    if (workspace !== this.workspace) this.files = new ModuleFiles(workspace);
    this.workspace = workspace;
    this.docs = docs;
  }

  /** Loads records once; batches left running by a previous process become interrupted, their runs queued again. */
  ready(): Promise<void> {
    this.loaded ??= (async () => {
      await Promise.all([this.store.load(), this.settings.get()]);
      await this.takeOverOrphans(false);
    })();
    return this.loaded;
  }

  /**
   * Batches recorded as running that this process does not run: while another live process holds the lock they are
   * its own; once none does, their owner has gone, so what it wrote is read again (`reread`) and a batch it left
   * running becomes interrupted, its runs queued again.
   */
  private async takeOverOrphans(reread: boolean): Promise<void> {
    const orphans = this.store.allBatches().filter((b) => b.state === 'running' && !this.runner.isActive(b.batchId));
    // While this instance holds the lock, a batch being started is not an orphan, and nobody else ran one meanwhile.
    if (orphans.length === 0 || this.lock.heldHere() || (await this.lock.otherHolder())) return;
    for (const orphan of orphans) {
      const batch = reread ? await this.store.reload(orphan.batchId) : orphan;
      if (!batch || batch.state !== 'running' || this.runner.isActive(batch.batchId)) continue;
      for (const run of this.store.runsOf(batch)) if (run.state === 'running') await this.store.saveRun({ ...run, state: 'queued' });
      await this.store.saveBatch({ ...batch, state: 'interrupted' });
    }
  }

  /** Fills in defaults and checks the request: provider, model, modules, kinds, prices. */
  resolve(request: BatchRequest): Promise<ResolvedBatch> {
    return resolveBatch(this, request);
  }

  /** Plans every run of a resolved batch. */
  planAll(resolved: ResolvedBatch): Promise<RunPlan[]> {
    return planBatch(this, resolved);
  }

  /**
   * What Approve would refuse before queueing anything (no price while a budget holds, a run already busy, a
   * missing key or plain HTTP for a key); the client the batch runs with when nothing is refused.
   */
  async preflight(resolved: ResolvedBatch): Promise<ProviderClient | null> {
    const settings = this.settings.cached();
    if (!resolved.price && (resolved.budgetUsd !== null || settings.workspaceBudgetUsd !== null)) {
      throw new FleetError('PRICE_MISSING', `The price table has no entry for ${resolved.provider.id}/${resolved.model}, so a budget cannot be held: add its price first.`, {
        provider: resolved.provider.id,
        model: resolved.model,
      });
    }
    for (const moduleId of resolved.moduleIds) {
      for (const kind of resolved.kinds) {
        if (this.runner.isBusy(moduleId, kind)) throw new FleetError('LOCKED', `${moduleId} ${kind} is already queued or running in another batch; wait for it or cancel it.`);
      }
    }
    return resolved.provider.kind === 'offline' ? null : this.service.client(resolved.provider, resolved.baseUrl ?? undefined);
  }

  /** Queues the batch's runs and starts it; returns at once. */
  async startBatch(request: BatchRequest): Promise<BatchStarted> {
    const resolved = await this.resolve(request);
    const client = await this.preflight(resolved);
    // Taken before anything is written: a refusal leaves no batch behind.
    const release = await this.lock.hold();
    try {
      this.service.unhalt(resolved.provider.id);
      const batch = await this.queueBatch(resolved);
      this.launch(batch, { client, price: resolved.price, provider: resolved.provider }, release);
      return { batchId: batch.batchId, runIds: batch.runIds };
    } catch (error) {
      await release();
      throw error;
    }
  }

  /** Writes a new batch's runs and the batch itself, all queued. */
  private async queueBatch(resolved: ResolvedBatch): Promise<StoredBatch> {
    const batchId = newBatchId();
    const now = new Date().toISOString();
    const runs: RunRecord[] = resolved.moduleIds.flatMap((moduleId) => resolved.kinds.map((kind) => newRun(batchId, moduleId, kind, { provider: resolved.provider.id, model: resolved.model }, now)));
    for (const run of runs) await this.store.saveRun(run);
    const batch: StoredBatch = {
      batchId,
      createdAt: now,
      provider: resolved.provider.id,
      model: resolved.model,
      baseUrl: resolved.baseUrl,
      kinds: resolved.kinds,
      moduleIds: resolved.moduleIds,
      budgetUsd: resolved.budgetUsd,
      concurrency: resolved.concurrency,
      state: 'running',
      stopReason: null,
      runIds: runs.map((r) => r.runId),
    };
    await this.store.saveBatch(batch);
    return batch;
  }

  /**
   * Runs what an interrupted, stopped or cancelled batch left, with its provider, model and budget (what earlier
   * attempts spent counts): its queued, skipped and cancelled runs, or with `unfinishedOnly` only those a quit cut short.
   */
  async resumeBatch(batchId: string, options: { budgetUsd?: number; unfinishedOnly?: boolean } = {}): Promise<BatchStarted> {
    const batch = this.store.batch(batchId);
    if (!batch) throw new FleetError('BATCH_NOT_FOUND', `There is no batch ${batchId} in this workspace.`, { batchId });
    if (this.runner.isActive(batchId)) throw new FleetError('LOCKED', 'This batch is still running.');
    const resumable = options.unfinishedOnly ? UNFINISHED : new Set([...UNFINISHED, 'skipped', 'cancelled']);
    const left = this.store.runsOf(batch).filter((r) => resumable.has(r.state));
    if (left.length === 0) throw new FleetError('INVALID_INPUT', 'Every run of this batch has finished; there is nothing to resume.');
    const resolved = await this.resolve({ modules: batch.moduleIds, kinds: batch.kinds, provider: batch.provider, model: batch.model, baseUrl: batch.baseUrl ?? undefined });
    const budgetUsd = options.budgetUsd ?? batch.budgetUsd;
    if (!resolved.price && (budgetUsd !== null || this.settings.cached().workspaceBudgetUsd !== null)) {
      throw new FleetError('PRICE_MISSING', `The price table has no entry for ${resolved.provider.id}/${resolved.model}, so the batch's budget cannot be held: add its price first.`, {
        provider: resolved.provider.id,
        model: resolved.model,
      });
    }
    const client = resolved.provider.kind === 'offline' ? null : await this.service.client(resolved.provider, resolved.baseUrl ?? undefined);
    const release = await this.lock.hold();
    try {
      this.service.unhalt(resolved.provider.id);
      for (const run of left) await this.store.saveRun({ ...run, state: 'queued', finishedAt: null, error: null });
      const resumed: StoredBatch = { ...batch, state: 'running', stopReason: null, budgetUsd };
      await this.store.saveBatch(resumed);
      this.launch(resumed, { client, price: resolved.price, provider: resolved.provider }, release);
      return { batchId, runIds: left.map((r) => r.runId) };
    } catch (error) {
      await release();
      throw error;
    }
  }

  /** Starts the batch's queue; the lock is released when it ends. */
  private launch(batch: StoredBatch, tools: { client: ProviderClient | null; price: PriceEntry | null; provider: ProviderConfig }, release: () => Promise<void>): void {
    this.batchTools.set(batch.batchId, tools);
    const ended: Promise<void> = this.runner
      .start(batch)
      .finally(() => this.batchTools.delete(batch.batchId))
      .then(release)
      .finally(() => this.launched.delete(ended));
    this.launched.add(ended);
  }

  private async planFor(run: RunRecord, batch: StoredBatch): Promise<RunPlan> {
    const tools = this.batchTools.get(batch.batchId)!;
    await this.workspace.refreshManifest();
    return planRun(this, run.moduleId, run.kind, tools.provider, batch.model, tools.price);
  }

  private execute(run: RunRecord, plan: RunPlan, batch: StoredBatch, signal: AbortSignal): Promise<RunRecord> {
    const tools = this.batchTools.get(batch.batchId)!;
    const { context } = this.service;
    const baseInterval = context.draftIntervalMs ?? 1000;
    this.running++;
    return executeRun(run, plan, {
      docs: this.docs,
      client: tools.client,
      analyze: (p, s) => analyzeModule({ repo: this.workspace.repo, files: this.files, snapshot: p.snapshot, manifests: p.manifests, signal: s, maxHistoryCommits: context.maxHistoryCommits }),
      price: tools.price,
      progress: this.progress,
      saveRun: (r) => this.store.saveRun(r),
      backupFolder: join(this.folder, 'replaced-drafts'),
      // Intermediate saves only guard against a crash (runs restart from the beginning when resumed, and clients
      // see the text through runProgress): with many runs in flight they can be rarer, which spares the event loop.
      draftIntervalMs: () => baseInterval * Math.max(1, this.running / 4),
      log: (m, e) => context.log(m, e),
    }, signal).finally(() => this.running--);
  }

  /** Every batch with its totals; batches another process ran are brought up to date once it has let go. */
  async listBatches(): Promise<BatchInfo[]> {
    await this.takeOverOrphans(true);
    return this.store.allBatches().map((b) => ({ ...b, totals: totalsOf(this.store.runsOf(b)) }));
  }

  /** Runs in the order they were queued (batches oldest first, each in its queue order). */
  listRuns(filter: { moduleId?: string; batchId?: string }): RunList {
    const batches = [...this.store.allBatches()].reverse().filter((b) => !filter.batchId || b.batchId === filter.batchId);
    const runs = batches.flatMap((b) => this.store.runsOf(b)).filter((r) => !filter.moduleId || r.moduleId === filter.moduleId);
    return { runs, totals: totalsOf(runs) };
  }

  run(runId: string): RunRecord {
    const run = this.store.run(runId);
    if (!run) throw new FleetError('RUN_NOT_FOUND', `There is no run ${runId} in this workspace.`, { runId });
    return run;
  }

  /** Stops the batches for a quit and lets pending writes land. */
  async shutdown(): Promise<void> {
    await this.runner.shutdown();
    await Promise.allSettled([...this.launched]);
    this.progress.dispose();
    await this.store.flush();
  }
}
