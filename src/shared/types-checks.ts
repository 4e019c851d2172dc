// Checks per module: the manifest's test command run on a module branch in a temporary checkout.

import type { ChecksConfig, ModuleCheck } from './checks-config';
import type { FleetErrorPayload } from './errors';
import type { SandboxUse } from './types-launcher';

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
  /** Whether the command ran in the OS sandbox, and why not (absent on results stored before the launcher). */
  sandbox?: SandboxUse;
  /** Names (never values) of secrets the user chose to pass to the command. */
  secretNames?: string[];
  /** Set when read: true when the module branch has moved past `commit` or no longer exists. */
  stale?: boolean;
}

/** The checks part of the manifest, as the settings form edits it. */
export interface CheckSettings {
  /** Null when no check command is configured. */
  checks: ChecksConfig | null;
  /** Modules with their own command or time limit. */
  overrides: { moduleId: string; check: ModuleCheck }[];
  /** The workspace branch tip the settings were read from (the expected tip of a save). */
  workspaceTip: string | null;
}

/** A module's check that has not finished yet. */
export interface ActiveCheck {
  moduleId: string;
  state: 'queued' | 'running';
  jobId: string;
  /** The commit being checked once running. */
  commit: string | null;
  startedAt: string | null;
}

/** Every module's latest result and what is queued or running now. */
export interface ChecksOverview {
  results: CheckResult[];
  active: ActiveCheck[];
  /** The batch job running now, if any. */
  jobId: string | null;
}

/** A module's last log: head and tail of the output when it was long. */
export interface CheckLog {
  moduleId: string;
  /** Null when the module was never checked. */
  text: string | null;
  /** True while a check of the module runs: `text` is its output so far. */
  running: boolean;
}

/** Output of a running check, coalesced (about every 100 ms). */
export interface CheckOutput {
  moduleId: string;
  jobId: string;
  chunk: string;
}

/** A module's check changed state: queued, running (with its commit), or finished (with its result). */
export interface CheckStatus {
  moduleId: string;
  jobId: string;
  state: 'queued' | 'running' | CheckState;
  commit: string | null;
  result: CheckResult | null;
  /** Why the check could not run at all (its branch was deleted meanwhile); no result is stored then. */
  error: FleetErrorPayload | null;
}

/** What a checks job returns: one entry per module asked for. */
export interface CheckBatchReport {
  results: CheckResult[];
  /** Modules whose check could not run at all (branch deleted meanwhile), with the reason. */
  skipped: { moduleId: string; error: FleetErrorPayload }[];
  cancelled: boolean;
}
