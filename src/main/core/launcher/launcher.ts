// The one way Fleet Control starts a command on a repository's behalf (checks now; the built-in agent's commands,
// agent CLIs and deploy commands next): an environment built from the allow-list, git without the user's
// configuration, the OS sandbox where there is one, and everything the command started ended with it. The outcome
// says how it ran (sandboxed or why not) and which secrets, by name, it was given.

import { writeFile, realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { FleetError } from '../../../shared/errors';
import type { SandboxUse } from '../../../shared/types-launcher';
import { existsSync } from 'node:fs';
import { bubblewrapArgs, type LaunchPath } from './bubblewrap';
import { commandEnvironment, type ResolvedVariable } from './command-env';
import { keyEnvironment } from './held-secrets';
import { existingHiddenPaths, hiddenCandidates } from './hidden-paths';
import { runProcess, type ProcessOutcome } from './run-process';
import { sandboxSupport, type SandboxSupport } from './sandbox-probe';
import { seatbeltProfile } from './seatbelt';
import { isAppVariable } from '../../../shared/secret-names';
import { defaultWorkRoot, ensurePrivateFolder, PidFolders } from './work-folders';

/** The variable every process of one launch carries, so leftovers are found even after setsid. */
export const LAUNCH_MARKER = 'FLEET_CONTROL_LAUNCH';
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface LauncherOptions {
  /** The app's environment with handed-over keys (default: the process's, see held-secrets.ts). */
  hostEnv?: () => NodeJS.ProcessEnv;
  /** The app-data folders to hide from commands (FLEET_CONTROL_HOME, Electron's userData). */
  appDataDirs: string[];
  /** Where launches' temp folders live (default `<os temp>/fleet-control-<uid>`). */
  workRoot?: string;
  /** 'off' runs unsandboxed (tests that read files the command writes to the host's /tmp). */
  sandbox?: 'auto' | 'off';
}

export interface LaunchRequest {
  /** A shell command line (sh -c; cmd.exe on Windows). */
  command: string;
  /** The working folder: the only place a sandboxed command can write besides its private temp folder. */
  cwd: string;
  timeoutMs: number;
  signal?: AbortSignal;
  killGraceMs?: number;
  onOutput: (chunk: Buffer) => void;
  /** The workspace's own variables, resolved. */
  variables?: ResolvedVariable[];
  /** Let git read the user's global and system configuration. */
  userGitConfig?: boolean;
  /** Named credentials given by the user's explicit choice; nothing else secret is passed. */
  credentials?: Record<string, string>;
  /**
   * Paths this launch may also read or write besides `cwd` (an agent CLI's own config folder, its prompt file),
   * granted explicitly per launch; missing ones are left out (bwrap cannot bind what is not there).
   */
  paths?: LaunchPath[];
}

export interface LaunchOutcome extends ProcessOutcome {
  sandbox: SandboxUse;
  /** Names (never values) of the secrets the command was given. */
  secretNames: string[];
}

/** Starts commands; one per app (the sandbox probe and the work root are shared). */
export class Launcher {
  private readonly hostEnv: () => NodeJS.ProcessEnv;
  private readonly temps: PidFolders;
  private swept: Promise<unknown> | null = null;

  constructor(private readonly options: LauncherOptions) {
    this.hostEnv = options.hostEnv ?? keyEnvironment;
    const root = options.workRoot ?? defaultWorkRoot();
    this.temps = new PidFolders(root, join(root, 'tmp'));
  }

  get workRoot(): string {
    return this.temps.workRoot;
  }

  /** Whether commands run sandboxed here, and why not. */
  async sandbox(): Promise<SandboxSupport> {
    if (this.options.sandbox === 'off') return { method: null, reason: 'the sandbox is turned off for this app', program: null };
    return sandboxSupport(this.hostEnv().PATH);
  }

  /** Runs one command; resolves when it and everything it started have ended. */
  async run(request: LaunchRequest): Promise<LaunchOutcome> {
    const credentials = request.credentials ?? {};
    for (const name of Object.keys(credentials)) {
      if (!NAME.test(name) || isAppVariable(name)) throw new FleetError('VARIABLE_REFUSED', `"${name}" cannot be given to a command as a credential.`, { name });
    }
    const host = this.hostEnv();
    const support = await this.sandbox();
    this.swept ??= this.temps.sweepLeftovers().catch(() => 0);
    await this.swept;
    // bubblewrap gives the command a private /tmp; otherwise it gets a private folder of its own, removed afterwards.
    const ownTemp = support.method === 'bubblewrap' ? null : await this.temps.create('tmp');
    const tempDir = ownTemp ?? '/tmp';
    try {
      const marker: [string, string] = [LAUNCH_MARKER, randomBytes(12).toString('hex')];
      const { env, secretNames } = commandEnvironment({
        host,
        variables: request.variables ?? [],
        userGitConfig: request.userGitConfig === true,
        credentials,
        tempDir,
        emptyGitConfig: await this.emptyGitConfig(),
        marker,
      });
      const argv = await this.argv(support, request, tempDir, host);
      const wrapped = support.method === 'bubblewrap';
      const outcome = await runProcess({ ...request, argv, shellCommand: request.command, env, marker: marker.join('='), wrapped });
      return { ...outcome, sandbox: { method: support.method, reason: support.reason }, secretNames };
    } finally {
      if (ownTemp) await this.temps.remove(ownTemp);
    }
  }

  private async argv(support: SandboxSupport, request: LaunchRequest, tempDir: string, host: NodeJS.ProcessEnv): Promise<string[]> {
    const shell = ['/bin/sh', '-c', request.command];
    if (!support.program) return shell;
    const hidden = existingHiddenPaths(hiddenCandidates(host.HOME || homedir(), host, this.options.appDataDirs));
    const extra = (request.paths ?? []).filter(({ path }) => existsSync(path));
    // A grant never reopens what is hidden: the app's data and the credential stores stay out whatever is asked.
    const covered = extra.find(({ path }) => hidden.some((h) => path === h.path || path.startsWith(`${h.path}/`)));
    if (covered) throw new FleetError('UNSAFE_PATH', `${covered.path} is hidden from commands (app data or a credential store) and cannot be granted to one.`, { path: covered.path });
    if (support.method === 'bubblewrap') return [support.program, ...bubblewrapArgs(request.cwd, hidden, extra), '--', ...shell];
    const writable = await Promise.all(extra.filter(({ write }) => write).map(({ path }) => realpath(path)));
    const profile = seatbeltProfile(await realpath(request.cwd), await realpath(tempDir), hidden, writable);
    return [support.program, '-p', profile, ...shell];
  }

  /** /dev/null on POSIX; on Windows an empty file of ours (git reads NUL badly as a config path). */
  private async emptyGitConfig(): Promise<string> {
    if (process.platform !== 'win32') return '/dev/null';
    await ensurePrivateFolder(this.workRoot);
    const path = join(this.workRoot, 'empty.gitconfig');
    await writeFile(path, '', { flag: 'w' });
    return path;
  }
}
