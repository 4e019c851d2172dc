// Implementation runs of one workspace: settings, records, the batch queue, follow-ups, review operations and the
// lock against another process running this workspace's runs. One instance per open repository.

import { join } from 'node:path';
import { FleetError } from '../../../../shared/errors';
import { findPrice } from '../../../../shared/prices';
import type { ProviderConfig } from '../../../../shared/providers';
import type { ImplementRequest, ImplementSettings, ImplementStarted, ImplementationStatus } from '../../../../shared/types-implement';
import type { CiRepairSource } from '../../../../shared/types-ci-repair';
import { BatchLock } from '../../agents/batch-lock';
import { readPrices } from '../../agents/price-store';
import type { ConversingClient } from '../../agents/providers/types';
import type { WorkspaceAgents } from '../../agents/workspace-agents';
import type { BoardLoader } from '../../board/board';
import type { Workspace } from '../../workspace/workspace';
import { ImplementQueue } from './batch-queue';
import type { ImplementContext } from './implement-service';
import { LiveRun, publicRun } from './live-run';
import type { WorkingCopyPort } from './parts';
import { ImplementProgressHub } from './progress-hub';
import { sweepWorkingCopies, takeOverOrphans } from './recovery';
import { resolveImplement, type ResolvedImplement } from './resolve';
import { resolveEngineImplement } from './engine-resolve';
import { engineCredentials } from './engine-keys';
import { executeEngineRun } from './engine-execute';
import type { ReviewContext } from './review';
import { executeRun, type RunEnvironment } from './run-execute';
import { newImplementBatchId, newImplementRun } from './run-ids';
import { ImplementRunStore, type StoredImplementBatch, type StoredRun } from './run-store';
import { ImplementSettingsStore } from './settings-store';
import { moduleCheckCommand } from './working-copy-check';

const WORKING = new Set(['queued', 'preparing', 'running', 'checking']);

export class WorkspaceImplement {
  readonly store: ImplementRunStore;
  readonly settings: ImplementSettingsStore;
  readonly hub: ImplementProgressHub;
  readonly queue: ImplementQueue;
  readonly lock: BatchLock;
  readonly copies: WorkingCopyPort;
  /** Follow-ups working now (outside any batch's queue), by run id. */
  readonly followUps = new Map<string, AbortController>();
  /** Batches and follow-ups launched here, until they end and release the lock. */
  private readonly launched = new Set<Promise<unknown>>();
  private loaded: Promise<void> | null = null;

  constructor(
    readonly context: ImplementContext,
    public workspace: Workspace,
    public board: BoardLoader,
    dataDir: string,
  ) {
    const folder = join(dataDir, 'implement');
    this.store = new ImplementRunStore(folder, (m) => context.log(m));
    this.settings = new ImplementSettingsStore(folder, (m) => context.log(m));
    this.lock = new BatchLock(join(folder, 'batches.lock'));
    this.copies = context.parts.workingCopies({ appDataDir: context.appDataDir, workspace: () => this.workspace, limit: () => this.settings.cached().maxWorkingCopies });
    this.hub = new ImplementProgressHub((p) => context.emit('implementProgress', p), (runId, entries) => this.store.appendTranscript(runId, entries), context.progressIntervalMs ?? 100, context.log);
    this.queue = new ImplementQueue({
      store: this.store,
      execute: (run, batch, signal) => this.execute(run, batch, signal),
      copiesInUse: (starting) => this.copiesInUse(starting),
      maxCopies: () => this.settings.cached().maxWorkingCopies,
      emitBatch: (p) => context.emit('implementBatchProgress', p),
      settled: (run) => context.emit('implementFinished', publicRun(run)),
      log: context.log,
    });
  }

  attach(workspace: Workspace, board: BoardLoader): void {
    this.workspace = workspace;
    this.board = board;
  }

  /** Loads the records once; what a previous process left working is taken over unless it still runs. */
  ready(): Promise<void> {
    this.loaded ??= (async () => {
      await Promise.all([this.store.load(), this.settings.get()]);
      if (await this.lock.otherHolder()) return;
      const recovery = { store: this.store, copies: this.copies, hub: this.hub, isActive: (id: string) => this.isActive(id), log: this.context.log };
      await takeOverOrphans(recovery);
      await this.hub.flushAll();
      await sweepWorkingCopies(recovery).catch((error: unknown) => this.context.log('could not sweep the working copies', error));
    })();
    return this.loaded;
  }

  getSettings(): Promise<ImplementSettings> {
    return this.settings.get();
  }

  async saveSettings(settings: ImplementSettings): Promise<ImplementSettings> {
    const saved = await this.settings.save(settings);
    this.queue.wakeAll();
    return saved;
  }

  isActive(id: string): boolean {
    return this.queue.isActive(id) || this.queue.controllerOf(id) !== undefined || this.followUps.has(id);
  }

  /** Working copies on disk (per the records) plus those `starting` runs are about to write. */
  copiesInUse(starting: Iterable<string> = []): number {
    const ids = new Set(this.store.allRuns().filter((r) => r.workingCopy).map((r) => r.runId));
    for (const id of starting) ids.add(id);
    return ids.size;
  }

  /** 'running' or 'review' per module, from the records (the board's implementation status). */
  moduleStatuses(): Map<string, Exclude<ImplementationStatus, 'not-started' | 'committed'>> {
    const statuses = new Map<string, 'running' | 'review'>();
    for (const run of this.store.allRuns()) {
      if (WORKING.has(run.state) && run.state !== 'queued') statuses.set(run.moduleId, 'running');
      else if (run.state === 'review' && statuses.get(run.moduleId) !== 'running') statuses.set(run.moduleId, 'review');
    }
    return statuses;
  }

  /** The open workspace's document agents: their settings (default provider, workspace cap) and the budget ledger both share. */
  agents(): Promise<WorkspaceAgents> {
    return this.context.agents.forCurrent();
  }

  /** The request checked and completed: the built-in loop's provider, or a CLI engine that can run here. */
  async resolve(request: ImplementRequest): Promise<ResolvedImplement> {
    await this.ready();
    const engine = request.engine ?? 'builtin';
    if (engine !== 'builtin') return resolveEngineImplement(await this.agents(), this.board, await this.getSettings(), { ...request, engine }, this.context.engines);
    return resolveImplement(await this.agents(), this.board, await this.getSettings(), request, (p) => this.context.parts.assertCanImplement(p));
  }

  /** The built-in loop's client check (a CLI engine uses its own login, checked when it starts). */
  private async checkClient(resolved: ResolvedImplement): Promise<void> {
    if (resolved.engine === 'builtin' && resolved.provider) await this.client(resolved.provider, resolved.baseUrl);
  }

  /** Refuses a module whose check command this machine's user has not confirmed (as checks do), before anything is written. */
  async requireTrustedChecks(moduleIds: string[]): Promise<void> {
    await this.workspace.refreshManifest();
    const consents = moduleIds.map((id) => moduleCheckCommand(this.workspace.manifest, id)?.consent).filter((c) => c !== undefined);
    if (consents.length > 0) await this.context.trust.requireTrusted(this.workspace, consents);
  }

  /** Queues a batch and starts it; returns at once. `provenance.ciRepair`: the CI failure a repair run repairs (recorded on each run). */
  async start(request: ImplementRequest, provenance: { ciRepair?: CiRepairSource } = {}): Promise<ImplementStarted> {
    const resolved = await this.resolve(request);
    this.refuseBusy(resolved.moduleIds);
    await this.requireTrustedChecks(resolved.moduleIds);
    await this.checkClient(resolved);
    const settings = await this.getSettings();
    if (this.copiesInUse() >= settings.maxWorkingCopies) throw this.limitError(settings);
    const release = await this.lock.hold();
    try {
      const batchId = newImplementBatchId();
      const now = new Date().toISOString();
      const choice = { engine: resolved.engine, provider: resolved.providerId, model: resolved.model, baseUrl: resolved.baseUrl, instruction: resolved.instruction, costKnown: resolved.costKnown, engineVersion: resolved.engineVersion };
      const runs = resolved.moduleIds.map((moduleId) => ({ ...newImplementRun(batchId, moduleId, choice, now), ...(provenance.ciRepair ? { ciRepair: provenance.ciRepair } : {}) }));
      for (const run of runs) await this.store.saveRun(run);
      const batch: StoredImplementBatch = {
        batchId,
        createdAt: now,
        engine: resolved.engine,
        provider: resolved.providerId,
        model: resolved.model,
        baseUrl: resolved.baseUrl,
        budgetUsd: resolved.budgetUsd,
        concurrency: resolved.concurrency,
        maxTurns: resolved.maxTurns,
        maxMinutes: resolved.maxMinutes,
        instruction: resolved.instruction,
        runIds: runs.map((r) => r.runId),
        state: 'running',
        message: null,
      };
      await this.store.saveBatch(batch);
      this.launchBatch(batch, release);
      return { batchId, runIds: batch.runIds };
    } catch (error) {
      await release();
      throw error;
    }
  }

  /** LOCKED when one of the modules has a run working, or queued in a running batch (`except`: a batch being resumed). */
  private refuseBusy(moduleIds: string[], except?: string): void {
    for (const run of this.store.allRuns()) {
      if (run.batchId === except || !moduleIds.includes(run.moduleId)) continue;
      // A run queued in a batch that is not running (interrupted, stopped) waits for a resume and holds nothing.
      const busy = run.state === 'queued' ? this.queue.isActive(run.batchId) : WORKING.has(run.state);
      if (busy) throw new FleetError('LOCKED', `${run.moduleId} already has an implementation run working (${run.runId}); wait for it or cancel it.`, { moduleId: run.moduleId, runId: run.runId });
    }
  }

  /** Runs what an interrupted (or stopped, or cancelled) batch had not started, with its provider, model and caps. */
  async resume(batchId: string, budgetUsd?: number): Promise<ImplementStarted> {
    await this.ready();
    const batch = this.store.batch(batchId);
    if (!batch) throw new FleetError('BATCH_NOT_FOUND', `There is no implementation batch ${batchId} in this workspace.`, { batchId });
    if (this.queue.isActive(batchId)) throw new FleetError('LOCKED', 'This batch is still running.');
    // Runs that never started (no working copy was written); a run interrupted mid-way keeps its work for a follow-up.
    const left = this.store.runsOf(batch).filter((r) => r.state === 'queued' || ((r.state === 'failed' || r.state === 'cancelled') && r.startTip === null));
    if (left.length === 0) throw new FleetError('INVALID_INPUT', 'Every run of this batch has started; there is nothing to resume (continue a run with a follow-up).');
    const engine = batch.engine ?? 'builtin';
    const modules = [...new Set(left.map((r) => r.moduleId))];
    const budget = budgetUsd ?? batch.budgetUsd ?? undefined;
    const resolved = await this.resolve(
      engine === 'builtin'
        ? { modules, provider: batch.provider, model: batch.model, baseUrl: batch.baseUrl ?? undefined, budgetUsd: budget }
        : { modules, engine, provider: batch.provider === engine ? undefined : batch.provider, model: batch.model || undefined, budgetUsd: budget, maxMinutes: batch.maxMinutes ?? undefined },
    );
    this.refuseBusy(resolved.moduleIds, batchId);
    await this.requireTrustedChecks(resolved.moduleIds);
    await this.checkClient(resolved);
    const release = await this.lock.hold();
    try {
      for (const run of left) await this.store.saveRun({ ...run, state: 'queued', stop: null, finishedAt: null, error: null });
      const resumed: StoredImplementBatch = { ...batch, state: 'running', message: null, budgetUsd: resolved.budgetUsd };
      await this.store.saveBatch(resumed);
      this.launchBatch(resumed, release);
      return { batchId, runIds: left.map((r) => r.runId) };
    } catch (error) {
      await release();
      throw error;
    }
  }

  limitError(settings: ImplementSettings): FleetError {
    return new FleetError('WORKING_COPY_LIMIT', `${settings.maxWorkingCopies} working copies exist, the limit: accept or discard runs in review first, or raise the limit in the settings.`, { limit: settings.maxWorkingCopies });
  }

  /** Runs `work` while holding the lock; the lock goes when it (and every other holder here) ends. */
  track<T>(work: Promise<T>, release: () => Promise<void>): Promise<T> {
    const ended = work.finally(() => release());
    const settled = ended.catch(() => undefined).finally(() => this.launched.delete(settled));
    this.launched.add(settled);
    return ended;
  }

  private launchBatch(batch: StoredImplementBatch, release: () => Promise<void>): void {
    void this.track(this.queue.start(batch), release);
  }

  /** The client for a provider, able to hold a tool-calling conversation. */
  async client(provider: ProviderConfig, baseUrl: string | null): Promise<ConversingClient> {
    const client = await this.context.agents.client(provider, baseUrl ?? undefined);
    if (typeof (client as Partial<ConversingClient>).converse !== 'function') throw new FleetError('UNSUPPORTED', `${provider.title} cannot hold a tool-calling conversation, so it cannot implement.`, { provider: provider.id });
    return client as ConversingClient;
  }

  /** What a run's loop needs from this workspace. */
  async environment(): Promise<RunEnvironment> {
    const agents = await this.agents();
    const settings = await this.getSettings();
    return {
      workspace: this.workspace,
      store: this.store,
      copies: this.copies,
      parts: this.context.parts,
      settings,
      ledger: agents.ledger,
      launchSetup: () => this.context.launchSetup(this.workspace.path),
      requireTrusted: (commands) => this.context.trust.requireTrusted(this.workspace, commands),
      provider: (id) => this.context.agents.providers.get(id),
      client: (provider, baseUrl) => this.client(provider, baseUrl),
      price: async (provider, model) => findPrice((await readPrices(this.workspace)).prices, provider.id, model),
      killGraceMs: this.context.killGraceMs,
      engineQuestionMs: this.context.engineQuestionMs,
      engines: this.context.engines,
      hostEnv: () => this.context.hostEnv(),
      workspaceCapUsd: async () => (await agents.settings.get()).workspaceBudgetUsd,
      engineCredentials: (engine) => engineCredentials(this.context.agents.providers, settings.engineKeys[engine]),
    };
  }

  /** One queued run of a batch, from start to its end state; announces its end. */
  private async execute(run: StoredRun, batch: StoredImplementBatch, signal: AbortSignal): Promise<StoredRun> {
    const live = await LiveRun.open(run, this.store, this.hub);
    this.context.emit('boardChanged', { reason: 'implement' });
    let ended: StoredRun;
    try {
      const env = await this.environment();
      ended = batch.engine && batch.engine !== 'builtin' ? await executeEngineRun(env, live, batch, signal) : await executeRun(env, live, batch, signal);
    } catch (error) {
      this.context.log(`The implementation run ${run.runId} failed unexpectedly`, error);
      ended = await live.update({ state: 'failed', stop: 'error', finishedAt: new Date().toISOString(), error: { code: 'INTERNAL', message: (error as Error).message } });
    }
    this.announce(ended);
    return ended;
  }

  announce(run: StoredRun): void {
    this.context.emit('implementFinished', publicRun(run));
    this.context.emit('boardChanged', { reason: 'implement' });
    this.queue.wakeAll();
  }

  reviewContext(): ReviewContext {
    return { workspace: this.workspace, store: this.store, copies: this.copies, parts: this.context.parts, isActive: (id) => this.isActive(id) };
  }

  run(runId: string): StoredRun {
    const run = this.store.run(runId);
    if (!run) throw new FleetError('RUN_NOT_FOUND', `There is no implementation run ${runId} in this workspace.`, { runId });
    return run;
  }

  /** Stops every run for a quit (batches resume at the next start) and lets pending writes land. */
  async shutdown(): Promise<void> {
    for (const controller of this.followUps.values()) controller.abort('shutdown');
    await this.queue.shutdown();
    await Promise.allSettled([...this.launched]);
    await this.hub.flushAll();
    this.hub.dispose();
    await this.store.flush();
  }
}
