// CI repair: a failing CI run on a module branch goes back to an implementation run. The failure context (failing
// checks, their summaries and a bounded, redacted log excerpt), what a repair run records about the failure it
// repairs, the per-workspace settings of automatic repair and what the board shows per module.

import type { CiCheckKind, CiHostKind } from './types-ci';
import type { EngineId } from './types-engines';

/** Where a failing check's excerpt came from. */
export type CiExcerptSource = 'job-log' | 'check-output' | 'annotations' | 'build-log' | 'status';

export interface CiFailedCheck {
  name: string;
  kind: CiCheckKind;
  /** The check's page on the host (http/https only), or null. */
  url: string | null;
  /** The first lines of its summary / title / description (redacted), or null. */
  summary: string | null;
  /** Head and tail of its log or output (redacted, bounded), or null when the host gave none. */
  excerpt: string | null;
  source: CiExcerptSource | null;
  /** Why no log is there or what was cut ("log not available: 404", "lines 1-80 and 2,310-2,710 of 2,710"). */
  note: string | null;
}

/** A module branch's failing CI at one tip, ready to go into a repair run's instruction. */
export interface CiFailureContext {
  moduleId: string;
  branch: string;
  remote: string;
  host: CiHostKind;
  repository: string;
  /** The commit CI failed on (the host's tip of the branch). */
  tip: string;
  /** The local branch's tip: a repair starts from it, so the dialog warns when it differs from `tip`. */
  localTip: string | null;
  checks: CiFailedCheck[];
  /** The instruction pre-filled for the repair run (the checks and excerpts fenced as data, not instructions). */
  instruction: string;
  readAt: string;
}

/** What a repair run records about the failure it repairs (its provenance; accept writes it as trailers). */
export interface CiRepairSource {
  remote: string;
  host: CiHostKind;
  /** The commit whose CI failed. */
  tip: string;
  /** The failing checks' names. */
  checks: string[];
  /** The first failing check's page, when the host gave one. */
  url: string | null;
  /** Started by automatic repair rather than by the user. */
  auto: boolean;
}

/** Automatic repair, per workspace (app data); off by default. */
export interface CiRepairSettings {
  auto: boolean;
  /** Automatic repairs per branch until its CI passes again. */
  maxPerBranch: number;
  /** The engine, model and caps automatic repairs run with (absent: the workspace's defaults, as the Implement dialog's). */
  engine?: EngineId;
  provider?: string;
  model?: string;
  /** Each automatic repair's own cap in dollars (null: only the workspace's budget applies). */
  budgetUsd: number | null;
  maxTurns?: number;
  maxMinutes?: number;
}

export interface CiRepairRecord {
  tip: string;
  runId: string;
  auto: boolean;
  at: string;
  checks: string[];
}

/** What a module's card says about repairs: a run repairing now, one waiting for review, and the last word of automatic repair. */
export interface CiRepairState {
  moduleId: string;
  branch: string;
  status: 'repairing' | 'review' | null;
  /** The newest repair run of the branch. */
  runId: string | null;
  repairs: CiRepairRecord[];
  /** Automatic repairs since the branch's CI last passed (the cap counts these). */
  autoSinceGreen: number;
  /** Why automatic repair did not start (budget, cap, local tip differs, a run working), or null. */
  notice: { at: string; kind: 'budget' | 'cap' | 'tip' | 'busy' | 'error'; text: string; tip: string } | null;
}
