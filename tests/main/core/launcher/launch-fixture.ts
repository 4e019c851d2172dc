// Shared set-up for the launcher tests: made-up keys and tokens of every kind the app may find in its environment,
// a home folder outside /tmp (so the sandbox's private /tmp is not what hides it) holding a git credential store
// and a global git config, and a launcher over them with its own work root.

import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Launcher, type LaunchOutcome, type LaunchRequest } from '../../../../src/main/core/launcher/launcher';
import { makeTempDir } from '../../../helpers/git';

const unique = randomBytes(6).toString('hex');

/** Secrets the app is given by environment variables: none of their values may reach a command. */
export const SECRETS: Record<string, string> = {
  XAI_API_KEY: `xai-key-${unique}`,
  FLEET_GIT_TOKEN: `fleet-git-token-${unique}`,
  GITHUB_TOKEN: `ghp_github_${unique}`,
  AWS_SECRET_ACCESS_KEY: `aws-secret-${unique}`,
  NPM_TOKEN: `npm_token_${unique}`,
  DATABASE_URL: `postgres://app:db-pass-${unique}@db.example:5432/app`,
};

/** Every secret value, as a list to grep output for. */
export const SECRET_VALUES = Object.values(SECRETS);

const homes: string[] = [];

/** A folder outside /tmp (the sandbox gives commands a private /tmp, which would hide it for the wrong reason). */
export function outsideTmp(prefix: string): string {
  const base = '/var/tmp';
  const dir = mkdtempSync(join(base, prefix));
  homes.push(dir);
  return dir;
}

export function cleanupOutsideTmp(): void {
  for (const dir of homes.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A home folder with ~/.git-credentials, a global git config naming a user and the `store` helper, and a plain file. */
export function homeWithCredentials(): string {
  const home = outsideTmp('fleet-home-');
  writeFileSync(join(home, '.git-credentials'), `https://user:git-credential-${unique}@git.example\n`, { mode: 0o600 });
  writeFileSync(join(home, '.gitconfig'), '[user]\n\tname = Global User\n[credential]\n\thelper = store\n');
  mkdirSync(join(home, '.config', 'git'), { recursive: true });
  writeFileSync(join(home, '.config', 'git', 'credentials'), `https://user:xdg-credential-${unique}@git.example\n`);
  writeFileSync(join(home, 'visible.txt'), 'a plain file in the home folder\n');
  return home;
}

/** The app's environment: the essentials, a setting no command needs, a proxy with a password, and every secret. */
export function hostEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TZ: 'UTC',
    USER: 'fleet-test',
    SOME_SETTING: 'not-allow-listed',
    HTTPS_PROXY: `http://proxy:proxy-pass-${unique}@proxy.example:3128`,
    ...SECRETS,
    ...extra,
  };
}

export interface Fixture {
  launcher: Launcher;
  home: string;
  appData: string;
  cwd: string;
  workRoot: string;
}

/** A launcher over a home with credentials and an app-data folder with a secrets file, and a working folder. */
export function fixture(options: { sandbox?: 'auto' | 'off'; env?: NodeJS.ProcessEnv } = {}): Fixture {
  const home = homeWithCredentials();
  const appData = outsideTmp('fleet-appdata-');
  writeFileSync(join(appData, 'secrets.json'), `{"provider/xai": "${SECRETS.XAI_API_KEY}"}\n`, { mode: 0o600 });
  const workRoot = makeTempDir('fleet-work-');
  const cwd = makeTempDir('fleet-cwd-');
  const env = options.env ?? hostEnv(home);
  const launcher = new Launcher({ hostEnv: () => env, appDataDirs: [appData], workRoot, sandbox: options.sandbox });
  return { launcher, home, appData, cwd, workRoot };
}

/** Runs `command` in the fixture's folder; returns the outcome and everything it printed. */
export async function launch(f: Fixture, command: string, request: Partial<LaunchRequest> = {}): Promise<LaunchOutcome & { output: string }> {
  let output = '';
  const outcome = await f.launcher.run({ command, cwd: f.cwd, timeoutMs: 20_000, killGraceMs: 300, onOutput: (chunk) => (output += chunk.toString()), ...request });
  return { ...outcome, output };
}

/** Live host processes whose command line contains `marker`. */
export function processesWithMarker(marker: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      const zombie = stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z';
      if (!zombie && readFileSync(`/proc/${name}/cmdline`, 'latin1').includes(marker)) found.push(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** A sleep duration no other process uses, so the host's /proc finds exactly our sleeper. */
export function uniqueSleep(): string {
  return `300.${Date.now() % 1_000_000}${Math.floor(Math.random() * 1000)}`;
}
