// What the one launcher of repository commands reports and what the user sets per workspace: the variables a
// command may see beyond the allow-list, whether git sees the user's own configuration, and the sandbox.

/** How the OS sandbox was used for a command: `method` null means it ran unsandboxed, `reason` says why. */
export interface SandboxUse {
  method: 'bubblewrap' | 'sandbox-exec' | null;
  /** Why it was not sandboxed (no bwrap, the probe failed, no sandbox on this OS); null when sandboxed. */
  reason: string | null;
}

/**
 * A variable the user added for one workspace's commands: a fixed value, or passed from the app's own
 * environment by name. `secret` marks a name that looks like a secret, added by the user's explicit choice;
 * a secret's value never leaves main (`value` is null then, `hasValue` says whether one is stored).
 */
export interface CommandVariable {
  name: string;
  source: 'value' | 'environment';
  value: string | null;
  secret: boolean;
  hasValue: boolean;
}

/** The per-workspace command environment as the settings form shows it. */
export interface CommandEnvironment {
  variables: CommandVariable[];
  /** True when the user chose to let git inside commands read their global and system configuration. */
  userGitConfig: boolean;
  /** Names always passed when the app has them (PATH, HOME, LANG, LC_*, ...). */
  allowList: string[];
  /** Whether commands run sandboxed on this machine, and why not. */
  sandbox: SandboxUse;
}

/** One variable as the settings form saves it; `value` is required for source 'value' (omit it to keep a stored secret). */
export interface CommandVariableInput {
  name: string;
  source: 'value' | 'environment';
  value?: string;
  secret?: boolean;
}
