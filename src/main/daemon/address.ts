// Where the background helper of the command line listens, and what makes a command fit to be served by it.
//
// One helper per build of the app, Node version, user and environment: a socket (a named pipe on Windows) named after
// a hash of those, in a folder only this user can use, beside a key file (0600) the helper writes once it listens. A
// command sends the key with its request, so only a process that can read this user's files is served.
//
// A helper serves only commands whose environment is its own, secrets left aside (it never holds them in its
// environment: each request brings its own): proxies, git's config variables, the app's folder and the rest all come
// from the environment, so another environment has a helper of its own.

import { lstatSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { withoutSecretVariables } from '../../shared/secret-names';

/** FLEET_CONTROL_DAEMON=0 keeps every command in its own process and starts no helper. */
export const DAEMON_SWITCH = 'FLEET_CONTROL_DAEMON';

/** Variables a shell sets per directory or nesting level: a command run elsewhere has the same environment. */
const SHELL_BOOKKEEPING = new Set(['PWD', 'OLDPWD', '_', 'SHLVL']);

export interface DaemonAddress {
  /** The private folder of the socket and key file (Unix); the key file's folder on Windows. */
  folder: string;
  /** What net.connect/listen take: a socket file, or \\.\pipe\… on Windows. */
  socket: string;
  /** "<key>\n<pid>\n", written by the helper when it listens. */
  keyFile: string;
  /** sharedEnvironment() of the environment the address is for, as JSON: the helper serves only this one. */
  environment: string;
}

/**
 * A 64-bit FNV-1a of `text` in hex (two 32-bit runs from different offsets): it only names the socket, so two
 * environments that met on one name would be told apart by the helper's exact comparison. Not node:crypto, which
 * costs a command that hands its push over ~1 ms to load.
 */
function nameHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** True unless the user turned the helper off. */
export function daemonEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env[DAEMON_SWITCH]?.trim().toLowerCase();
  return !(value === '0' || value === 'false' || value === 'off' || value === 'no');
}

/** The folder only this user may use, created when missing; null when it exists but is not safe (a link, shared). */
function privateFolder(path: string): string | null {
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    const stat = lstatSync(path);
    if (!stat.isDirectory()) return null;
    if (process.platform !== 'win32') {
      if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return null;
      if ((stat.mode & 0o077) !== 0) return null;
    }
    return path;
  } catch {
    return null;
  }
}

/**
 * The helper's address for the build whose entry is `<mainDir>/cli.js`, or null when there is no safe place for it
 * (the folder is someone else's, or open to others) or the build cannot be read.
 */
export function daemonAddress(mainDir: string, env: NodeJS.ProcessEnv = process.env): DaemonAddress | null {
  let build: string;
  try {
    const stat = statSync(join(mainDir, 'cli.js'));
    build = `${mainDir}\n${stat.size}\n${Math.trunc(stat.mtimeMs)}\n${process.execPath}\n${process.version}`;
  } catch {
    return null;
  }
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : userInfo().username;
  const base = env.XDG_RUNTIME_DIR && process.platform === 'linux' ? env.XDG_RUNTIME_DIR : tmpdir();
  const folder = privateFolder(join(base, `fleet-control-daemon-${user.replace(/[^\w.-]/g, '_')}`));
  if (!folder) return null;
  const environment = JSON.stringify(sharedEnvironment(env));
  const name = `d-${nameHash(`${user}\n${build}\n${environment}`)}`;
  const socket = process.platform === 'win32' ? `\\\\.\\pipe\\fleet-control-${name}` : join(folder, `${name}.sock`);
  // A Unix socket's path has room for 103 bytes on macOS (107 on Linux): a longer temporary folder means no helper.
  if (process.platform !== 'win32' && Buffer.byteLength(socket) > 103) return null;
  return { environment, folder, socket, keyFile: join(folder, `${name}.key`) };
}

/** The environment as it decides what a command does, in name order, without its secrets and the shell's bookkeeping. */
export function sharedEnvironment(env: NodeJS.ProcessEnv): [string, string][] {
  return Object.entries(withoutSecretVariables(env))
    .filter((entry): entry is [string, string] => entry[1] !== undefined && !SHELL_BOOKKEEPING.has(entry[0]))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The helper's key and pid from its key file, or null when there is none (no helper, or one starting). */
export function readKeyFile(address: DaemonAddress): { key: string; pid: number } | null {
  try {
    const [key, pid] = readFileSync(address.keyFile, 'utf8').split('\n');
    if (!key || !/^[0-9a-f]{64}$/.test(key) || !pid || !/^\d+$/.test(pid)) return null;
    return { key, pid: Number(pid) };
  } catch {
    return null;
  }
}

/**
 * Where the quick way in (push-client.ts) found no helper answering, for the command line it hands the push over to,
 * which then starts one there after the push (a separate bundle: a global, not a module's variable).
 */
const UNANSWERED = Symbol.for('fleet-control.push-helper-unanswered');

/** Notes that no helper answered at `address`. */
export function noteNoHelperAt(address: DaemonAddress): void {
  (globalThis as Record<symbol, unknown>)[UNANSWERED] = address;
}

/** The address noteNoHelperAt() noted in this process, if any. */
export function noHelperAt(): DaemonAddress | undefined {
  return (globalThis as Record<symbol, DaemonAddress | undefined>)[UNANSWERED];
}
