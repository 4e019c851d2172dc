// What a remote batch needs of a CI host, whichever it is: dispatch one runner job, read the state of every run out
// (in as few requests as the host allows), a run's jobs and steps, cancel, and the record from the run's artifact.

import type { RemoteJob } from '../../../../shared/types-remote';
import type { RunnerJobKind, RunnerRecord } from '../../../../shared/types-runner';

export interface JobDispatch {
  kind: RunnerJobKind;
  moduleId: string;
  tip: string;
  /** The run_id input: names the review branch and the artifact. */
  dispatchId: string;
  budgetUsd: number | null;
  engine?: string;
  provider?: string;
  model?: string;
  baseUrl?: string;
  maxMinutes?: number;
}

/** A CI run as the host reports it now. */
export interface CiRunView {
  status: 'queued' | 'in_progress' | 'completed';
  /** success, failure, cancelled, ... once completed. */
  conclusion: string | null;
  url: string | null;
  /** Changes whenever a step changes: jobs are read again only then. */
  updatedAt: string;
}

/** The rate-limit reading the follow loop paces itself by (null where the host does not say). */
export interface RateView {
  requests: number;
  limit: number | null;
  remaining: number | null;
  resetAt: number | null;
}

export interface RemoteTargetClient {
  /** For messages: "GitHub Actions fleet-control.yml on acme/fleet". */
  describe: string;
  /** Dispatches the job on the default branch; resolves once the host's run is known. */
  dispatch(job: JobDispatch, signal: AbortSignal): Promise<{ ciRunId: string; url: string | null }>;
  /**
   * The host's run of an earlier dispatch of `dispatchId` (the app stopped, or a rate limit met, before its id was
   * known); null when there is none. Without it, such a run is not dispatched again but ends failed.
   */
  find?(dispatchId: string): Promise<{ ciRunId: string; url: string | null } | null>;
  /** The state of the given runs (ids the host does not list are absent). */
  readRuns(ciRunIds: string[]): Promise<Map<string, CiRunView>>;
  jobs(ciRunId: string): Promise<RemoteJob[]>;
  /** Asks the host to cancel; a run that completed meanwhile is not an error. */
  cancel(ciRunId: string): Promise<void>;
  /** record.json from the run's artifact; null when the run left no artifact or no record in it. */
  record(ciRunId: string, dispatchId: string): Promise<RunnerRecord | null>;
  rate(): RateView;
}
