// What a sandboxed command must not see: the app-data folder (keys, tokens, run records) and the user's
// credential stores. Only paths that exist are hidden (a folder under an empty tmpfs, a file under /dev/null).

import { statSync } from 'node:fs';
import { join } from 'node:path';

/** Credential stores below the home folder: git's, netrc, ssh, cloud and registry logins, this app's own folder. */
const HOME_CREDENTIALS = [
  '.git-credentials',
  '.config/git/credentials',
  '.netrc',
  '_netrc',
  '.config/fleet-control',
  '.ssh',
  '.aws',
  '.azure',
  '.config/gcloud',
  '.config/gh',
  '.docker/config.json',
  '.kube/config',
  '.npmrc',
  '.yarnrc.yml',
  '.pypirc',
  '.gnupg',
  '.password-store',
];

export interface HiddenPath {
  path: string;
  kind: 'folder' | 'file';
}

/** The candidates to hide for a user whose home is `home` (XDG_CONFIG_HOME honoured) and the app's data folders. */
export function hiddenCandidates(home: string | undefined, env: NodeJS.ProcessEnv, appDataDirs: string[]): string[] {
  const paths = [...appDataDirs];
  if (home) paths.push(...HOME_CREDENTIALS.map((rel) => join(home, rel)));
  if (env.XDG_CONFIG_HOME) paths.push(join(env.XDG_CONFIG_HOME, 'git', 'credentials'), join(env.XDG_CONFIG_HOME, 'fleet-control'));
  return [...new Set(paths)];
}

/** The candidates that exist now, each with its kind. */
export function existingHiddenPaths(candidates: string[]): HiddenPath[] {
  const found: HiddenPath[] = [];
  for (const path of candidates) {
    try {
      found.push({ path, kind: statSync(path).isDirectory() ? 'folder' : 'file' });
    } catch {
      // Missing: nothing to hide.
    }
  }
  return found;
}
