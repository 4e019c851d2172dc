// Checks per module: the manifest's test command run on a module branch in a temporary checkout.

/** How a check ended. `error` means it could not start (no such command, checkout failed). */
export type CheckState = 'passed' | 'failed' | 'timed-out' | 'cancelled' | 'error';

/** The latest check of one module; stale when the module branch has moved past `commit`. */
export interface CheckResult {
  moduleId: string;
  state: CheckState;
  /** The module branch commit the check ran on. */
  commit: string;
  command: string;
  startedAt: string;
  durationMs: number;
  exitCode: number | null;
  /** A one-line reason for error / timed-out results (e.g. "npm: command not found"). */
  message?: string;
}
