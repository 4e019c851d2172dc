// One deploy as it runs: the DeployRun every deployProgress event carries whole, its log (bounded), its cancel
// switch, and the moment it ends. The service keeps finished ones for the session so a late reader still finds them.

import type { DeployMethodType } from '../../../shared/deploy-config';
import type { FleetErrorPayload } from '../../../shared/errors';
import type { DeployOutcome, DeployRun } from '../../../shared/types-deploy';
import { BoundedLog } from '../checks/bounded-log';
import type { RunReport } from './methods/method';

export interface TrackerStart {
  deployId: string;
  environment: string;
  method: DeployMethodType;
  branch: string;
  commit: string;
  modules: string[];
  by: string;
  startedAt: Date;
}

export class DeployTracker {
  readonly controller = new AbortController();
  readonly log = new BoundedLog();
  readonly run: DeployRun;
  private readonly done: Promise<void>;
  private resolveDone!: () => void;

  constructor(
    start: TrackerStart,
    /** The workspace the deploy belongs to. */
    readonly workspacePath: string,
    private readonly emit: (run: DeployRun) => void,
    private readonly emitOutput: (chunk: string) => void,
  ) {
    this.run = {
      ...start,
      startedAt: start.startedAt.toISOString(),
      finishedAt: null,
      phase: 'preparing',
      state: 'running',
      message: 'Preparing the deploy',
      steps: [],
      links: [],
      error: null,
      recorded: null,
      sandbox: null,
    };
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  get running(): boolean {
    return this.run.state === 'running';
  }

  /** Resolves once the deploy ended and was recorded (or failed to be). */
  finished(): Promise<void> {
    return this.done;
  }

  update(change: RunReport): void {
    if (change.phase) this.run.phase = change.phase;
    if (change.message !== undefined) this.run.message = change.message;
    if (change.steps) this.run.steps = change.steps;
    if (change.links) this.run.links = change.links;
    if (change.sandbox) this.run.sandbox = change.sandbox;
    this.emit(this.snapshot());
  }

  output(text: string): void {
    const chunk = Buffer.from(text, 'utf8');
    this.log.append(chunk);
    this.emitOutput(text);
  }

  /** Sets the outcome (the record is written after); the run stays 'recording' until `settle`. */
  end(outcome: DeployOutcome, message: string, error: FleetErrorPayload | null, finishedAt: Date): void {
    this.run.state = outcome;
    this.run.phase = 'recording';
    this.run.message = message;
    this.run.error = error;
    this.run.finishedAt = finishedAt.toISOString();
    this.emit(this.snapshot());
  }

  /** The record is written (or could not be): the last event. */
  settle(recorded: { file: string; commit: string } | null, message?: string): void {
    this.run.phase = 'finished';
    this.run.recorded = recorded;
    if (message) this.run.message = message;
    this.emit(this.snapshot());
    this.resolveDone();
  }

  snapshot(): DeployRun {
    return structuredClone(this.run);
  }
}
