// Remote batches: one CI run per module, dispatched on the base branch (where the set-up pull request put the
// workflow) with the module, its tip and its share of the budget, within a concurrency cap, followed by one loop
// (follow-loop.ts), finished from the run's record (run-finish.ts); review and accept stay here (remote-review.ts).
// Batches are stored per workspace, so an app restarted mid-batch follows its runs again.

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { FleetError } from '../../../../shared/errors';
import type { ImplementEstimate, ImplementRequest } from '../../../../shared/types-implement';
import type { RemoteBatch, RemoteBatchRequest, RemoteBatchStarted, RemoteRun } from '../../../../shared/types-remote';
import { defaultCiRemote, resolveCiHost, type CiServices } from '../../ci/ci-host';
import { workspaceDataDir } from '../../paths';
import type { RemoteServices } from '../../remotes/remote-endpoint';
import type { Workspace } from '../../workspace/workspace';
import { nextShare } from './budget-share';
import { FollowLoop, type FollowTuning } from './follow-loop';
import { azureTarget } from './azure-target';
import { gitHubTarget } from './github-target';
import { hasEnded, isOut, RemoteBatches } from './remote-batches';
import { REMOTE_BATCHES_FOLDER, RemoteStore, type StoredRemoteBatch } from './remote-store';
import { finishRun } from './run-finish';
import { requireRunnerSetUp } from './setup-check';
import type { RemoteTargetClient } from './target';

export interface RemoteServiceOptions {
  appDataDir: string;
  current(): Workspace;
  ci: CiServices;
  remotes: RemoteServices;
  estimate(request: ImplementRequest): Promise<ImplementEstimate>;
  emitRun(run: RemoteRun): void;
  emitBatch(batch: RemoteBatch): void;
  /** The board's implementation facts changed (a module branch moved on accept). */
  refsChanged(): void;
  log(message: string, error?: unknown): void;
  tuning?: FollowTuning;
  /** The user's "check remote runs every N seconds" (implementation settings of the open workspace). */
  pollSeconds?: () => Promise<number | undefined>;
}

const DEFAULT_CONCURRENCY = 4;

/** A GitHub remote asked for Azure Pipelines, or an Azure DevOps one for GitHub Actions. */
function targetMismatch(remote: string, host: 'github' | 'azure-devops', target: RemoteBatch['target']): FleetError {
  const [on, other] = host === 'github' ? ['GitHub', 'github'] : ['Azure DevOps', 'azure'];
  const wanted = target === 'azure' ? 'Azure Pipelines runs need an Azure DevOps remote' : 'GitHub Actions runs need a GitHub remote';
  return new FleetError('UNSUPPORTED', `"${remote}" is on ${on}: ${wanted}. Run on ${on === 'GitHub' ? 'GitHub Actions' : 'Azure Pipelines'} (--on ${other}), or name a remote of the other host (--remote).`, { remote, target });
}
const stamp = (): string => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

export class RemoteService {
  private batches: RemoteBatches | null = null;
  private loading: Promise<RemoteBatches> | null = null;
  private readonly clients = new Map<string, Promise<RemoteTargetClient>>();
  /** Runs being dispatched now (their CI run id is not known yet), and those cancelled meanwhile. */
  private readonly dispatching = new Set<string>();
  private readonly cancelWhenKnown = new Set<string>();
  private readonly aborts = new Map<string, AbortController>();
  readonly loop: FollowLoop;

  constructor(private readonly options: RemoteServiceOptions) {
    this.loop = new FollowLoop(
      {
        batches: () => this.batchesOfOpenWorkspace(),
        pollSeconds: options.pollSeconds,
        client: (run) => this.client(run.remote, run.target),
        schedule: () => this.schedule(),
        finish: (run, view, client) => finishRun({ batches: this.batches!, workspace: this.options.current(), remotes: this.options.remotes, timedOut: this.loop.timedOut, refsChanged: () => undefined }, run, view, client),
        log: options.log,
      },
      options.tuning,
    );
  }

  /** The loaded batches while their workspace is the open one: another workspace's runs are followed when it opens again. */
  private batchesOfOpenWorkspace(): RemoteBatches | null {
    try {
      return this.batches?.workspacePath === this.options.current().path ? this.batches : null;
    } catch {
      return null;
    }
  }

  /** The open workspace's batches, loaded once per workspace; runs left out by a restart are followed again. */
  async forCurrent(): Promise<RemoteBatches> {
    const workspace = this.options.current();
    if (this.batches?.workspacePath === workspace.path) return this.batches;
    if (this.loading) return this.loading;
    this.loading = (async () => {
      const store = new RemoteStore(join(workspaceDataDir(this.options.appDataDir, workspace.path), REMOTE_BATCHES_FOLDER));
      const batches = new RemoteBatches(workspace.path, store, { run: this.options.emitRun, batch: this.options.emitBatch }, this.options.log);
      await batches.load();
      this.batches = batches;
      this.clients.clear();
      // Runs dispatched without a known CI run id (the app stopped mid-dispatch) are found by their run id, or
      // dispatched again, by the scheduler (resume in dispatch()); queued ones are dispatched as before.
      this.loop.kick();
      return batches;
    })().finally(() => (this.loading = null));
    return this.loading;
  }

  private client(remote: string, target: RemoteBatch['target']): Promise<RemoteTargetClient> {
    const key = `${target} ${remote}`;
    let found = this.clients.get(key);
    if (!found) {
      found = (async () => {
        const workspace = this.options.current();
        const host = await resolveCiHost(this.options.ci, workspace, { remote });
        if (host.kind === 'github' && target === 'github') return gitHubTarget(host, workspace.manifest.baseBranch, this.options.tuning);
        if (host.kind === 'azure-devops' && target === 'azure') return azureTarget(host, workspace.manifest.baseBranch);
        throw targetMismatch(remote, host.kind, target);
      })();
      found.catch(() => this.clients.delete(key));
      this.clients.set(key, found);
    }
    return found;
  }

  /** Starts a batch (see contract-remote.ts): refusals before anything is stored, then runs queued and dispatched by the loop. */
  async start(request: RemoteBatchRequest): Promise<RemoteBatchStarted> {
    const batches = await this.forCurrent();
    const workspace = this.options.current();
    await workspace.refreshManifest();
    const { manifest, repo } = workspace;
    const modules = [...new Set(request.modules)];
    const tips = new Map<string, string>();
    for (const moduleId of modules) {
      if (!manifest.modules.some((m) => m.id === moduleId)) throw new FleetError('MODULE_NOT_FOUND', `There is no module "${moduleId}" in this workspace.`, { moduleId });
      const branch = `${manifest.branchPrefix}${moduleId}`;
      const tip = await repo.resolveRef(`refs/heads/${branch}`);
      if (!tip) throw new FleetError('MODULE_BRANCH_MISSING', `The branch ${branch} does not exist.`, { moduleId, branch });
      tips.set(moduleId, tip);
    }
    const remote = request.remote ?? (await defaultCiRemote(workspace));
    await this.client(remote, request.target); // token, host and target refusals now, not per run
    await requireRunnerSetUp({ secrets: this.options.ci.secrets, env: this.options.ci.env, userAgent: this.options.ci.userAgent, fetch: this.options.ci.fetch }, workspace, remote, request.target);
    const lows: Record<string, number | null> = {};
    const blocked = new Map<string, string>();
    let choice: { engine: RemoteBatch['engine']; provider: string | null; model: string | null } = { engine: null, provider: null, model: null };
    if (request.kind === 'implement') {
      if (request.budgetUsd === undefined) throw new FleetError('INVALID_INPUT', 'A remote implementation batch needs a budget (budgetUsd): each run gets its share. Nothing was dispatched.');
      const estimate = await this.options.estimate({ modules, engine: request.engine, provider: request.provider, model: request.model, baseUrl: request.baseUrl, budgetUsd: request.budgetUsd, maxMinutes: request.maxMinutes });
      for (const run of estimate.runs) {
        lows[run.moduleId] = run.lowUsd;
        if (run.blocked) blocked.set(run.moduleId, run.blocked);
      }
      choice = { engine: estimate.engine, provider: estimate.provider, model: estimate.model };
    }
    const now = new Date().toISOString();
    const batchId = `rb-${stamp()}`;
    const runs: RemoteRun[] = modules.map((moduleId) => {
      const runId = `rr-${stamp()}`;
      const why = blocked.get(moduleId);
      return {
        runId, batchId, moduleId, kind: request.kind, target: request.target, remote, state: why ? 'skipped' : 'queued', message: why ? `Not dispatched: ${why}` : 'Waiting to be dispatched',
        attempt: 1, dispatchId: runId, tip: tips.get(moduleId)!, budgetUsd: null, ciRunId: null, url: null, jobs: [], costUsd: 0, costKnown: true, outcome: null,
        reviewBranch: null, reviewCommit: null, review: null, reviewedAt: null, acceptedCommit: null, check: null, summary: null, error: null, queuedAt: now, dispatchedAt: null, startedAt: null, finishedAt: why ? now : null,
      };
    });
    const batch: RemoteBatch = {
      batchId, kind: request.kind, target: request.target, remote, ...choice, budgetUsd: request.kind === 'implement' ? request.budgetUsd! : null, spentUsd: 0, committedUsd: 0,
      concurrency: request.concurrency ?? DEFAULT_CONCURRENCY, state: 'running', runIds: runs.map((r) => r.runId), counts: {}, createdAt: now, finishedAt: null,
    };
    const stored: StoredRemoteBatch = { version: 1, batch, runs, request: { ...request, remote, ...(choice.provider ? { provider: choice.provider, model: choice.model! } : {}) }, lows };
    await batches.add(stored);
    this.loop.kick();
    return { batch: structuredClone(batch), runs: structuredClone(runs) };
  }

  /** Dispatches the queued runs the concurrency caps and budgets allow; called by every look of the loop. */
  schedule(): void {
    const batches = this.batchesOfOpenWorkspace();
    // Nothing is dispatched while the host's rate limit is used up (the loop says until when on each run).
    if (!batches || this.loop.rateLimited()) return;
    for (const stored of batches.all()) {
      if (stored.batch.state !== 'running') continue;
      for (const run of stored.runs) if (run.state === 'dispatched' && !run.ciRunId && !this.dispatching.has(run.runId)) this.dispatch(stored, run, run.budgetUsd, true);
      let out = stored.runs.filter((r) => isOut(r) || this.dispatching.has(r.runId)).length;
      for (const run of stored.runs) {
        if (run.state !== 'queued' || this.dispatching.has(run.runId)) continue;
        if (out >= stored.batch.concurrency) break;
        let share: number | null = null;
        if (stored.batch.kind === 'implement') {
          const decision = nextShare({
            budgetUsd: stored.batch.budgetUsd ?? 0,
            spentUsd: stored.runs.filter(hasEnded).reduce((sum, r) => sum + r.costUsd, 0),
            outstandingUsd: stored.runs.filter((r) => isOut(r) || this.dispatching.has(r.runId)).reduce((sum, r) => sum + (r.budgetUsd ?? 0), 0),
            runsLeft: stored.runs.filter((r) => r.state === 'queued' && !this.dispatching.has(r.runId)).length,
            lowUsd: stored.lows[run.moduleId] ?? null,
          });
          if (decision.kind === 'wait') break;
          if (decision.kind === 'skip') {
            void batches.update(run.runId, { state: 'skipped', message: decision.message, finishedAt: new Date().toISOString() });
            continue;
          }
          share = decision.shareUsd;
        }
        out++;
        this.dispatch(stored, run, share);
      }
    }
  }

  /**
   * Dispatches `run` with its share. It is `dispatched` without a CI run id from before the request goes out, so an
   * app stopped (or a rate limit met) meanwhile knows a CI run may exist: `resume` first looks for that run by its
   * run id and follows it, and dispatches again only when the host has none (never twice).
   */
  private dispatch(stored: StoredRemoteBatch, run: RemoteRun, share: number | null, resume = false): void {
    const batches = this.batches!;
    const { request } = stored;
    this.dispatching.add(run.runId);
    const abort = new AbortController();
    this.aborts.set(run.runId, abort);
    // Waiting (for the listing, for a rate limit): the loop's own pace looks again, not a quick kick.
    let waiting = false;
    void (async () => {
      // The share is held (budgetUsd) from now on, synchronously (update applies the change before it awaits), so the
      // next run's share in this same schedule() does not count it as remaining.
      if (!resume) await batches.update(run.runId, { state: 'dispatched', budgetUsd: share, dispatchedAt: new Date().toISOString(), message: `Dispatching on ${request.remote}` });
      const client = await this.client(run.remote, run.target);
      if (resume) {
        const known = await this.findDispatched(run, client);
        if (known === 'wait') {
          waiting = true;
          return;
        }
        if (known) {
          await batches.update(run.runId, { ciRunId: known.ciRunId, url: known.url, message: 'Waiting for a runner to pick the job up' });
          if (this.cancelWhenKnown.delete(run.runId)) await client.cancel(known.ciRunId);
          return;
        }
      }
      const job = { kind: run.kind, moduleId: run.moduleId, tip: run.tip, dispatchId: run.dispatchId, budgetUsd: share, engine: request.engine, provider: request.provider, model: request.model, baseUrl: request.baseUrl, maxMinutes: request.maxMinutes };
      const { ciRunId, url } = await client.dispatch(job, abort.signal);
      await batches.update(run.runId, { ciRunId, url, message: 'Waiting for a runner to pick the job up' });
      if (this.cancelWhenKnown.delete(run.runId)) await client.cancel(ciRunId);
    })()
      .catch(async (error: unknown) => {
        const payload = error instanceof FleetError ? error.toPayload() : { code: 'INTERNAL' as const, message: 'The dispatch failed inside Fleet Control. Details are in the log.' };
        if (!(error instanceof FleetError)) this.options.log(`dispatching the remote run ${run.runId} failed`, error);
        // A rate limit fails nothing: the run stays dispatched without a CI run id and is resumed after the wait.
        if (error instanceof FleetError && error.code === 'RATE_LIMITED') {
          this.loop.noteRateLimit(error);
          waiting = true;
          return;
        }
        await batches.update(run.runId, { state: 'failed', budgetUsd: null, error: payload, message: payload.message, finishedAt: new Date().toISOString() });
        // Without the workflow on the base branch no run of the batch can start: every queued one says so.
        if (payload.code === 'WORKFLOW_NOT_FOUND' || payload.code === 'TOKEN_MISSING' || payload.code === 'AUTH_FAILED' || payload.code === 'UNSUPPORTED') {
          for (const other of stored.runs.filter((r) => r.state === 'queued')) await batches.update(other.runId, { state: 'failed', error: payload, message: payload.message, finishedAt: new Date().toISOString() });
        }
      })
      .finally(() => {
        this.dispatching.delete(run.runId);
        this.aborts.delete(run.runId);
        if (!waiting) this.loop.kick(50);
      });
  }

  /**
   * The CI run of a run dispatched before without a known id: found by its run id (in the run name); 'wait' while a
   * just-sent dispatch may not be listed yet; null when the host has none (dispatch again). A host that cannot look
   * runs up ends the run failed rather than risk a second CI run.
   */
  private async findDispatched(run: RemoteRun, client: RemoteTargetClient): Promise<{ ciRunId: string; url: string | null } | 'wait' | null> {
    if (!client.find) {
      throw new FleetError('CANCELLED', 'The app stopped while this run was being dispatched: a CI run may have started without being followed. Check the workflow runs, then retry.', { runId: run.runId });
    }
    const found = await client.find(run.dispatchId);
    if (found) return found;
    if (run.dispatchedAt && Date.now() - Date.parse(run.dispatchedAt) < (this.options.tuning?.listingLagMs ?? 30_000)) {
      await this.batches!.update(run.runId, { message: `Looking for the CI run dispatched on ${run.remote}` });
      return 'wait';
    }
    await this.batches!.update(run.runId, { dispatchedAt: new Date().toISOString(), message: `Dispatching on ${run.remote} again: no CI run of it was found` });
    return null;
  }

  /** Cancels one run: a queued one ends at once, one out is cancelled on the host and ends when the host says so. */
  async cancel(runId: string): Promise<RemoteRun> {
    const batches = await this.forCurrent();
    const { run } = batches.find(runId);
    if (run.state === 'queued' && !this.dispatching.has(runId)) {
      return structuredClone(await batches.update(runId, { state: 'cancelled', message: 'Cancelled before it was dispatched.', finishedAt: new Date().toISOString() }));
    }
    if (this.dispatching.has(runId)) {
      this.cancelWhenKnown.add(runId);
      return structuredClone(await batches.update(runId, { message: 'Cancelling' }));
    }
    if (isOut(run) && run.ciRunId) {
      await (await this.client(run.remote, run.target)).cancel(run.ciRunId);
      this.loop.kick(50);
      return structuredClone(await batches.update(runId, { message: 'Cancelling the CI run' }));
    }
    if (isOut(run)) {
      // Dispatched before without a known CI run (restart, rate limit): cancelled once found, or now when there is none.
      const client = await this.client(run.remote, run.target);
      const found = client.find ? await client.find(run.dispatchId) : null;
      if (!found) return structuredClone(await batches.update(runId, { state: 'cancelled', message: 'Cancelled: no CI run of it was found.', finishedAt: new Date().toISOString() }));
      await client.cancel(found.ciRunId);
      this.loop.kick(50);
      return structuredClone(await batches.update(runId, { ciRunId: found.ciRunId, url: found.url, message: 'Cancelling the CI run' }));
    }
    return structuredClone(run);
  }

  async cancelBatch(batchId: string): Promise<RemoteBatch> {
    const batches = await this.forCurrent();
    const stored = batches.batch(batchId);
    for (const run of stored.runs.filter((r) => !hasEnded(r))) await this.cancel(run.runId);
    return structuredClone(stored.batch);
  }

  /** A new attempt of a run that did not end well, from the module branch's tip now. */
  async retry(runId: string): Promise<RemoteRun> {
    const batches = await this.forCurrent();
    const { run } = batches.find(runId);
    if (!['failed', 'cancelled', 'timed-out', 'skipped'].includes(run.state)) {
      throw new FleetError('RUN_NOT_REVIEWABLE', `The remote run of ${run.moduleId} is ${run.state}: only a failed, cancelled, timed-out or skipped run is retried.`, { runId, state: run.state });
    }
    const workspace = this.options.current();
    const branch = `${workspace.manifest.branchPrefix}${run.moduleId}`;
    workspace.repo.invalidateRefs();
    const tip = await workspace.repo.resolveRef(`refs/heads/${branch}`);
    if (!tip) throw new FleetError('MODULE_BRANCH_MISSING', `The branch ${branch} does not exist.`, { moduleId: run.moduleId, branch });
    const attempt = run.attempt + 1;
    this.loop.timedOut.delete(runId);
    const retried = await batches.update(runId, {
      state: 'queued', attempt, dispatchId: `${run.runId}.${attempt}`, tip, budgetUsd: null, ciRunId: null, url: null, jobs: [], costUsd: 0, costKnown: true, outcome: null,
      reviewBranch: null, reviewCommit: null, review: null, reviewedAt: null, check: null, summary: null, error: null, message: 'Waiting to be dispatched', queuedAt: new Date().toISOString(), dispatchedAt: null, startedAt: null, finishedAt: null,
    });
    this.loop.kick();
    return structuredClone(retried);
  }

  async list(filter: { batchId?: string; moduleId?: string }): Promise<RemoteRun[]> {
    const batches = await this.forCurrent();
    return structuredClone(batches.all().filter((s) => !filter.batchId || s.batch.batchId === filter.batchId).flatMap((s) => s.runs).filter((r) => !filter.moduleId || r.moduleId === filter.moduleId));
  }

  async listBatches(): Promise<RemoteBatch[]> {
    return structuredClone((await this.forCurrent()).all().map((s) => s.batch));
  }

  async get(runId: string): Promise<RemoteRun> {
    return structuredClone((await this.forCurrent()).find(runId).run);
  }

  get refsChanged(): () => void {
    return this.options.refsChanged;
  }

  dispose(): void {
    this.loop.dispose();
    for (const abort of this.aborts.values()) abort.abort();
  }
}
