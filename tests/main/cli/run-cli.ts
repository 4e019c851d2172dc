// Runs the built command line (bin/fleet-control.cjs -> out/main/cli.js) as a child process, building once if needed.

import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GIT_ENV } from '../../helpers/git';

export const ROOT = join(__dirname, '..', '..', '..');
export const BIN = join(ROOT, 'bin', 'fleet-control.cjs');
const BUILT_CLI = join(ROOT, 'out', 'main', 'cli.js');

/** Builds with electron-vite when out/main/cli.js is missing; returns why the CLI cannot run, or null. */
export function ensureBuiltCli(): string | null {
  if (existsSync(BUILT_CLI)) return null;
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'pipe', timeout: 180_000 });
  } catch (error) {
    return `could not build the CLI with electron-vite: ${(error as Error).message.split('\n')[0]}`;
  }
  return existsSync(BUILT_CLI) ? null : `the build did not produce ${BUILT_CLI}`;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment the CLI runs in: its own app-data folder and a git identity that ignores the machine's config. No
 * background helper for pushes (it would outlive the test): cli-daemon.test.ts turns it on where it tests it.
 */
export function cliEnv(appDataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...GIT_ENV, FLEET_CONTROL_HOME: appDataDir, FLEET_CONTROL_DAEMON: '0' };
  delete env.FLEET_DEBUG;
  return env;
}

/** A running `fleet-control` process: what it printed so far, and its exit code once it exits. */
export interface RunningCli {
  child: ChildProcess;
  output: { stdout: string; stderr: string };
  exited: Promise<number | null>;
}

/** Starts `fleet-control <args>` with `env` (to send it signals while it runs). */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output, exited };
}

/** Runs `fleet-control <args>` to completion. */
export function runCli(args: string[], appDataDir: string, bin = BIN): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: cliEnv(appDataDir), maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts `fleet-control serve <args>` and resolves with the process and the URL it printed. */
export function startServe(args: string[], appDataDir: string): Promise<{ child: ChildProcess; url: string; line: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', ...args], { env: cliEnv(appDataDir), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n')[0] ?? '';
      const url = /http:\/\/\S+/.exec(line)?.[0];
      if (stdout.includes('\n') && url) resolve({ child, url, line });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code} before printing a URL: ${stderr}`)));
  });
}
