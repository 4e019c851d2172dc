// What the agent loop needs from the tools of a working copy: their specs for the model and one call at a time.

import type { ToolSpec } from '../../agents/providers/types';

/** The result of one tool call as the model sees it. */
export interface ToolOutcome {
  ok: boolean;
  /** The text the model gets back (bounded); an error's sentence when !ok. */
  content: string;
  /** The content was cut to its bound. */
  truncated: boolean;
  /** Set by `finish`: the loop ends (then the check runs). */
  finish?: { summary: string };
  /** Set by `run_check`: how the check ended. */
  check?: { passed: boolean; state: string; exitCode: number | null };
}

/** The tools of one working copy. */
export interface ToolExecutor {
  readonly specs: ToolSpec[];
  /** Runs one call; never throws for the model's mistakes (bad JSON, unknown tool, path escape: ok=false). Throws CANCELLED. */
  execute(call: { name: string; arguments: string }, signal?: AbortSignal): Promise<ToolOutcome>;
  /** Paths changed so far against the start tip (for the max-changed-files guard). */
  changedCount(): Promise<number>;
}
