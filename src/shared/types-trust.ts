// Commands that come from the repository (the committed manifest) and this machine's consent to run them.

/** What a repository command is for; later issues add deploy commands, run_command allow-lists, agent templates. */
export const COMMAND_KINDS = ['check', 'deploy'] as const;
export type CommandKind = (typeof COMMAND_KINDS)[number];

/** One command as the manifest holds it: `check` with scope `*` (every module) or a module id (its override); `deploy`
 *  with the environment's name as its scope. */
export interface RepoCommand {
  kind: CommandKind;
  scope: string;
  command: string;
}

/** A command that needs the user's consent before it runs here; `previous` is the text confirmed before, if any. */
export interface CommandConsent extends RepoCommand {
  previous: string | null;
}

/** Where the commands come from: the manifest file on the workspace branch at a commit. */
export interface CommandOrigin {
  branch: string;
  file: string;
  commit: string | null;
  /** The author of that commit (the branch's tip), "Name <email>". */
  author: string | null;
}

/** The data of a COMMAND_NOT_TRUSTED error: everything the confirmation dialog shows. */
export interface UntrustedCommands {
  commands: CommandConsent[];
  origin: CommandOrigin;
}

/** The key a confirmation is remembered under, e.g. `check:*` or `check:fleet-hub`. */
export function commandKey(command: Pick<RepoCommand, 'kind' | 'scope'>): string {
  return `${command.kind}:${command.scope}`;
}
