// Plain data about the team's CI that crosses the boundary: per branch tip, what the host (GitHub checks and
// statuses, Azure DevOps builds) answered, when it was read, and how much of the host's rate limit polling uses.

import type { FleetErrorPayload } from './errors';

/** The CI hosts Fleet Control reads (and, for deploys and runners, drives). */
export type CiHostKind = 'github' | 'azure-devops';

/** A branch's CI as a card shows it: every check green, one failed, some still running, or nothing reported. */
export type CiState = 'passing' | 'failing' | 'running' | 'none';

/** One check's state; `skipped` (neutral, skipped, cancelled by the host's own rules) counts neither way. */
export type CiCheckState = 'passing' | 'failing' | 'running' | 'skipped';

/** A GitHub check run, a GitHub commit status, or an Azure Pipelines build (latest per pipeline). */
export type CiCheckKind = 'check-run' | 'status' | 'build';

export interface CiCheck {
  /** The check run's or status context's name, or the pipeline's. */
  name: string;
  kind: CiCheckKind;
  state: CiCheckState;
  /** The host's own word (SUCCESS, FAILURE, TIMED_OUT, in_progress, partiallySucceeded, ...), for the tooltip. */
  hostState: string;
  /** The check's page on the host (http/https only), or null. */
  url: string | null;
  /** For a failure: the first lines of its summary / output / the failing task's issues; null otherwise. */
  summary: string | null;
  /** The workflow (GitHub Actions) or pipeline definition it belongs to, when the host says. */
  workflow: string | null;
  startedAt: string | null;
  completedAt: string | null;
}

export interface CiCounts {
  passing: number;
  failing: number;
  running: number;
  skipped: number;
}

/** Which of the workspace's branches this is. */
export type CiBranchRole = 'module' | 'workspace' | 'integration' | 'base';

export interface CiBranchStatus {
  branch: string;
  role: CiBranchRole;
  /** The module of a module branch; null for the others. */
  moduleId: string | null;
  /** The branch's tip in the local repository (null when it has none). */
  localTip: string | null;
  /** The tip the host holds for the branch (null when the branch is not on the host). */
  hostTip: string | null;
  state: CiState;
  counts: CiCounts;
  checks: CiCheck[];
}

/** The host's rate limit as its last answer told it, and the share of the hourly allowance polling spends. */
export interface CiRateUse {
  limit: number | null;
  remaining: number | null;
  /** When the allowance is refilled (ISO), from x-ratelimit-reset / Retry-After. */
  resetAt: string | null;
  /** Requests one poll costs (GraphQL counts as one; REST one per call). */
  requestsPerPoll: number;
  /** requestsPerPoll * polls per hour / limit, 0..1: "uses 4% of the hourly allowance". */
  hourlyShare: number | null;
}

/** What the poller is doing: the interval it chose and why (visible, hidden, following a run, rate limited). */
export interface CiPolling {
  intervalMs: number;
  nextAt: string | null;
  reason: 'visible' | 'idle' | 'following' | 'rate-limited' | 'error' | 'stopped';
  /** Runs being followed (deploys, repairs) that keep the poller at its visible pace. */
  following: string[];
}

/** The CI of every fleet branch on one remote, exactly as the host answered at `readAt`. */
export interface CiStatus {
  remote: string;
  host: CiHostKind;
  /** owner/repo on GitHub; organisation/project/repository on Azure DevOps. */
  repository: string;
  webUrl: string;
  /** graphql: one rollup query; rest: check-runs + combined status per tip; builds: Azure DevOps builds by branch. */
  via: 'graphql' | 'rest' | 'builds';
  readAt: string;
  branches: CiBranchStatus[];
  rate: CiRateUse | null;
}

/** What the board holds: the last status read (if any), the last error (if the last read failed), the pace. */
export interface CiSnapshot {
  remote: string | null;
  status: CiStatus | null;
  error: FleetErrorPayload | null;
  polling: CiPolling;
}
