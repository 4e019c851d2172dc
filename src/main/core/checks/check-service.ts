// The checks of one open workspace: which command a module runs, the one 'checks' job at a time (modules asked
// for while it runs join it), cancel, the latest results with staleness, and a module's log.

import { FleetError } from '../../../shared/errors';
import { DEFAULT_CHECK_CONCURRENCY } from '../../../shared/checks-config';
import type { CheckLog, CheckStatus, ChecksOverview } from '../../../shared/types-checks';
import type { RepoCommand } from '../../../shared/types-trust';
import type { JobRunner } from '../jobs';
import type { CommandTrust } from '../trust/command-trust';
import type { Workspace } from '../workspace/workspace';
import { CheckBatch } from './check-batch';
import { checkoutFolders, type CheckoutFolders } from './checkout-folders';
import type { LaunchSetup } from '../launcher/handlers';
import { CheckStore, withStaleness } from './check-store';
import { moduleTip } from './run-check';

export interface CheckServiceContext {
  jobs: JobRunner;
  emitStatus(status: CheckStatus): void;
  emitOutput(output: { moduleId: string; jobId: string; chunk: string }): void;
  /** The launcher and this workspace's command variables. */
  environment(): Promise<LaunchSetup>;
  /** The launcher's work root, where checkouts are written (outside the app-data folder). */
  workRoot: string;
  log(message: string, error?: unknown): void;
  /** The consent gate: a command from the manifest runs only once this machine's user confirmed it. */
  trust: Pick<CommandTrust, 'requireTrusted'>;
  /** How often output is sent (default 100 ms). */
  outputIntervalMs?: number;
  /** SIGTERM -> SIGKILL grace (default 2000 ms). */
  killGraceMs?: number;
}

/** Checks of one workspace; one instance per open repository. */
export class CheckService {
  readonly store: CheckStore;
  private readonly folders: CheckoutFolders;
  private batch: CheckBatch | null = null;
  /** Settles once the last job has left the JobRunner, so a new one can start without LOCKED. */
  private draining: Promise<unknown> = Promise.resolve();
  private readonly swept: Promise<unknown>;

  constructor(
    private workspace: Workspace,
    store: CheckStore,
    private readonly context: CheckServiceContext,
  ) {
    this.store = store;
    this.folders = checkoutFolders(context.workRoot, workspace.path);
    this.swept = this.folders.sweepLeftovers().catch((error: unknown) => context.log('could not remove old check folders', error));
  }

  /** Follows the workspace object when the same repository is opened again. */
  attach(workspace: Workspace): void {
    this.workspace = workspace;
  }

  /** The command and time limit for a module: its own override, else the workspace's; CHECKS_NOT_CONFIGURED otherwise. */
  commandFor(moduleId: string): { command: string; timeoutSeconds: number; consent: RepoCommand } {
    const { manifest } = this.workspace;
    const own = manifest.modules.find((m) => m.id === moduleId)?.check;
    const command = own?.command ?? manifest.checks?.command;
    const timeoutSeconds = own?.timeoutSeconds ?? manifest.checks?.timeoutSeconds;
    if (!command || !timeoutSeconds) {
      throw new FleetError('CHECKS_NOT_CONFIGURED', 'No check command is set for this workspace. Set one (for example "npm test" with a time limit) in the checks settings first.', { moduleId });
    }
    // The consent is keyed by where the command comes from: a module's own command needs its own confirmation.
    return { command, timeoutSeconds, consent: { kind: 'check', scope: own?.command ? moduleId : '*', command } };
  }

  /** commandFor, refused with COMMAND_NOT_TRUSTED unless the user confirmed that command on this machine. */
  private async trustedCommandFor(moduleId: string): Promise<{ command: string; timeoutSeconds: number }> {
    const found = this.commandFor(moduleId);
    await this.context.trust.requireTrusted(this.workspace, [found.consent]);
    return found;
  }

  /** Queues checks of `moduleIds` (or every module with a branch); returns the job they run in. */
  async run(moduleIds: string[] | 'all'): Promise<string> {
    await this.workspace.refreshManifest();
    const { manifest, repo } = this.workspace;
    let wanted: string[];
    if (moduleIds === 'all') {
      const branches = await repo.listBranches();
      wanted = manifest.modules.filter((m) => branches.has(`${manifest.branchPrefix}${m.id}`)).map((m) => m.id);
      if (wanted.length === 0) throw new FleetError('BRANCH_NOT_FOUND', 'No module branch exists yet: initialise the workspace before running checks.');
    } else {
      wanted = [...new Set(moduleIds)];
      for (const id of wanted) {
        if (!manifest.modules.some((m) => m.id === id)) throw new FleetError('MODULE_NOT_FOUND', `There is no module "${id}" in this workspace.`, { moduleId: id });
        await moduleTip(this.workspace, id);
      }
    }
    // Refused before anything is queued: a check with no command is not a result worth recording.
    // So is a command the user has not confirmed here (the batch checks again as each module starts).
    await this.context.trust.requireTrusted(this.workspace, wanted.map((id) => this.commandFor(id).consent));
    await this.swept;
    if (!this.batch) await this.draining;
    const batch = this.batch ?? this.startBatch();
    batch.add(wanted);
    return batch.jobId;
  }

  /** Stops one module's check (queued or running); false when it was not queued or running. */
  cancel(moduleId: string): boolean {
    return this.batch?.cancel(moduleId) ?? false;
  }

  /** Latest results (stale judged now) and what is queued or running. */
  async overview(moduleIds?: string[]): Promise<ChecksOverview> {
    await this.workspace.refreshManifest();
    const all = await withStaleness(this.workspace, await this.store.readAll());
    const wanted = (id: string) => !moduleIds || moduleIds.includes(id);
    const active = this.batch?.active() ?? [];
    return { results: all.filter((r) => wanted(r.moduleId)), active: active.filter((a) => wanted(a.moduleId)), jobId: this.batch?.jobId ?? null };
  }

  /** The module's output so far while it runs, else its last stored log. */
  async readLog(moduleId: string): Promise<CheckLog> {
    const running = this.batch?.runningLog(moduleId) ?? null;
    if (running !== null) return { moduleId, text: running, running: true };
    return { moduleId, text: await this.store.readLog(moduleId), running: false };
  }

  private startBatch(): CheckBatch {
    let started: CheckBatch | null = null;
    const { context } = this;
    this.context.jobs.start(
      'checks',
      (job) => {
        const batch = new CheckBatch(
          job,
          {
            workspace: () => this.workspace,
            folders: this.folders,
            store: this.store,
            commandFor: (id) => this.trustedCommandFor(id),
            concurrency: () => this.workspace.manifest.checks?.concurrency ?? DEFAULT_CHECK_CONCURRENCY,
            environment: context.environment,
            emitStatus: (status) => context.emitStatus(status),
            emitOutput: (output) => context.emitOutput(output),
            log: context.log,
            outputIntervalMs: context.outputIntervalMs,
            killGraceMs: context.killGraceMs,
          },
          () => {
            if (this.batch === batch) this.batch = null;
          },
        );
        started = batch;
        return batch.finished;
      },
      (report) => report,
    );
    // JobRunner calls the work function synchronously, so the batch exists now.
    const batch = started as CheckBatch | null;
    if (!batch) throw new FleetError('INTERNAL', 'The checks job did not start.');
    this.batch = batch;
    // The runner forgets a job a few microtasks after it finishes; a macrotask later it surely has.
    this.draining = batch.finished.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    return batch;
  }
}
