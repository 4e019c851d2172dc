// Engines of an implementation run: the built-in loop or an agent CLI the user already has. Types shared by main,
// the renderer and the CLI; the adapters themselves live in main/core/implement/engines.

/** Every engine id, in the order settings list them. `builtin` is Fleet Control's own loop. */
export const ENGINE_IDS = ['builtin', 'claude-code', 'codex', 'gemini', 'aider', 'opencode', 'qwen', 'custom'] as const;
export type EngineId = (typeof ENGINE_IDS)[number];

/** A stored provider key the user gave one engine explicitly: that key alone, as that one variable. */
export interface EngineKeyMapping {
  /** The provider whose stored key is passed (its id in the agent settings). */
  provider: string;
  /** The variable the CLI reads it from (ANTHROPIC_API_KEY, OPENAI_API_KEY, GEMINI_API_KEY, ...). */
  variable: string;
}

/** One engine on this machine, as settings and the run dialog show it. */
export interface EngineInfo {
  id: EngineId;
  title: string;
  /** The executable looked for on PATH; null for the built-in loop and the custom engine. */
  program: string | null;
  path: string | null;
  version: string | null;
  /** Why it cannot run here (missing, too old, no template), or null when it can. */
  problem: string | null;
  installHint: string;
  /** What the engine enforces by itself in a run, and what it cannot (said plainly in settings). */
  enforces: string[];
  cannot: string[];
  reportsCost: boolean;
  reportsTokens: boolean;
  /** Follow-ups continue the CLI's own session (else a new run on the same copy with a summary). */
  canResume: boolean;
  /** Variables of the app's environment the CLI receives when set (its base URL, proxies), and nothing else. */
  variables: string[];
  /** Its config and session folders below the home folder, granted to its launches only. */
  configPaths: string[];
  /** The stored key the user mapped to this engine, or null (the CLI uses its own login). */
  key: EngineKeyMapping | null;
}
