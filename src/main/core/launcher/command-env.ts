// The environment a command starts with, built from nothing: the allow-list taken from the app's environment,
// the temp folder, git's empty configuration, the user's per-workspace variables, explicit credentials, and the
// launch marker used to find what the command leaves behind. Nothing else of the app's environment gets in.

import { isAllowListed } from './allow-list';
import { gitIsolationVariables } from './git-isolation';
import { isAppVariable, looksSecret } from '../../../shared/secret-names';

/** A per-workspace variable with its value resolved. */
export interface ResolvedVariable {
  name: string;
  value: string;
  /** Added by the user's explicit choice although its name looks like a secret. */
  secret: boolean;
}

export interface CommandEnvInput {
  /** The app's environment (handed-over keys included): allow-listed names and `environment` variables come from it. */
  host: NodeJS.ProcessEnv;
  variables: ResolvedVariable[];
  /** Let git read the user's global and system configuration (the user's per-workspace choice). */
  userGitConfig: boolean;
  /** Named credentials given by the user's explicit choice (an agent CLI's key, a deploy command's token). */
  credentials: Record<string, string>;
  /** The temp folder the command uses (TMPDIR, and TEMP/TMP on Windows). */
  tempDir: string;
  /** An empty file git reads as its global configuration. */
  emptyGitConfig: string;
  /** The per-launch marker variable (name and value) that finds leftovers on Linux. */
  marker: [string, string];
  platform?: NodeJS.Platform;
}

/** The command's environment, and the names of secrets it was given (user-chosen variables and credentials). */
export function commandEnvironment(input: CommandEnvInput): { env: Record<string, string>; secretNames: string[] } {
  const platform = input.platform ?? process.platform;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.host)) {
    // A proxy URL with a password in it is a credential too.
    if (value !== undefined && isAllowListed(name, platform) && !looksSecret(name, value)) env[name] = value;
  }
  if (platform === 'win32') {
    for (const name of Object.keys(env)) if (/^(TEMP|TMP)$/i.test(name)) delete env[name];
    env.TEMP = input.tempDir;
    env.TMP = input.tempDir;
  } else {
    env.TMPDIR = input.tempDir;
  }
  if (!input.userGitConfig) Object.assign(env, gitIsolationVariables(input.emptyGitConfig));
  const secretNames = new Set<string>();
  for (const variable of input.variables) {
    if (isAppVariable(variable.name)) continue; // refused when saved; never passed whatever the file says
    if (looksSecret(variable.name, variable.value) && !variable.secret) continue;
    env[variable.name] = variable.value;
    if (variable.secret) secretNames.add(variable.name);
  }
  for (const [name, value] of Object.entries(input.credentials)) {
    env[name] = value;
    secretNames.add(name);
  }
  env[input.marker[0]] = input.marker[1];
  return { env, secretNames: [...secretNames].sort() };
}
