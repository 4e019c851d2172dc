// What an agent CLI engine is to Fleet Control: how to find it, start it for one run, read its output and what it
// enforces. One small module per CLI implements it (listed in registry.ts); normaliser.ts turns the events they read
// into the run's transcript.

/** One thing a CLI reported, in the engine-neutral form the normaliser maps to transcript entries. */
export type EngineEvent =
  | { kind: 'session'; sessionId: string; model?: string }
  | { kind: 'text'; text: string }
  /** Plain output of a CLI without structured output: collected and shown as text. */
  | { kind: 'output'; text: string }
  | { kind: 'tool-call'; callId: string; tool: string; args: unknown }
  | { kind: 'tool-result'; callId: string; ok: boolean; result: string }
  /** A call reported whole once it ended (Codex's completed command or file change). */
  | { kind: 'tool'; callId: string; tool: string; args: unknown; ok: boolean; result: string }
  /** Tokens spent since the last usage event (Codex: per turn). */
  | { kind: 'usage'; tokensIn: number; tokensOut: number }
  /** The CLI's own totals for the whole session so far (Claude Code's result line): they replace the running sums. */
  | { kind: 'totals'; tokensIn: number; tokensOut: number; costUsd: number | null; turns: number | null }
  | { kind: 'turn' }
  /** The CLI says how it ended (its result line); `stop` when it stopped itself at a limit. */
  | { kind: 'result'; ok: boolean; text: string | null; stop?: 'max-turns' | 'budget' }
  /** The CLI asks the user something (no one can answer: the run ends). */
  | { kind: 'question'; text: string }
  | { kind: 'notice'; level: 'info' | 'warning' | 'error'; text: string };

/** What a run gives an engine to build its command line from (all paths absolute). */
export interface EngineCommandInput {
  promptFile: string;
  workdir: string;
  model: string | null;
  maxTurns: number;
  /** The run's remaining budget, passed as the CLI's own limit where it takes one. */
  budgetUsd: number | null;
  /** The CLI's session to continue (a follow-up), from an earlier run's `session` event. */
  resumeSession: string | null;
  /** Commands the agent may run besides editing (the module's check command), where the CLI can allow-list them. */
  allowedCommands: string[];
  /** The custom engine's command template. */
  template?: string;
}

export interface EngineAdapter {
  id: string;
  title: string;
  /** The executable looked for on PATH (the custom engine has none). */
  program: string | null;
  versionArgs: string[];
  /** The oldest version whose flags and output this adapter relies on; an older one is reported as too old. */
  minVersion?: string;
  installHint: string;
  /** Variables the CLI reads, passed through from the app's environment when set, and nothing else beyond the launcher's defaults. */
  variables: string[];
  /** Its config and session folders (or files) below the home folder, granted writable to its launches only. */
  configPaths: string[];
  /** What this engine enforces by itself and what it cannot (shown in settings and the docs). */
  enforces: string[];
  cannot: string[];
  reportsCost: boolean;
  reportsTokens: boolean;
  canResume: boolean;
  /** Takes the run's remaining budget as a spending limit of its own (its command uses `budgetUsd`). */
  takesBudget?: boolean;
  /** The shell command line (sh -c) for one run; stdin is the prompt file or /dev/null, never a terminal. */
  command(input: EngineCommandInput): string;
  /** A reader for one launch: each line of the CLI's output into events; never throws (an unreadable line becomes a notice). */
  parser(): LineParser;
}

/** Reads one output line into events; `end`, when given, returns what it still held once the CLI ended (streamed text). */
export type LineParser = ((line: string) => EngineEvent[]) & { end?: () => EngineEvent[] };
