// Runs one command line through the platform shell in its own process group, so a time limit or a cancel
// stops the whole tree it started (SIGTERM first, SIGKILL after a grace period), streaming its output.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export interface CommandRequest {
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  signal?: AbortSignal;
  /** How long SIGTERM has to work before SIGKILL (default 2000 ms). */
  killGraceMs?: number;
  /** stdout and stderr as they arrive, in one stream. */
  onOutput: (chunk: Buffer) => void;
}

export interface CommandOutcome {
  ended: 'exited' | 'timed-out' | 'cancelled' | 'spawn-failed';
  exitCode: number | null;
  /** The signal that ended the shell when it did not exit by itself. */
  signal: string | null;
  /** Why the shell could not be started (spawn-failed). */
  spawnError?: string;
  durationMs: number;
}

/** Sends `signal` to the child's whole process group (POSIX) or tree (Windows); quiet when it is gone already. */
function signalTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
    else process.kill(-child.pid, signal);
  } catch {
    // ESRCH: every process of the group has exited.
  }
}

/** Runs `command` with `sh -c` (cmd.exe on Windows) in `cwd`; resolves when it and its output have ended. */
export function runShellCommand(request: CommandRequest): Promise<CommandOutcome> {
  const started = performance.now();
  const grace = request.killGraceMs ?? 2000;
  return new Promise((resolve) => {
    let ended: CommandOutcome['ended'] = 'exited';
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const child = spawn(request.command, {
      shell: true,
      cwd: request.cwd,
      env: request.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // A new process group on POSIX: one kill reaches everything the command started.
      detached: process.platform !== 'win32',
      windowsHide: true,
    });

    const finish = (outcome: Omit<CommandOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      request.signal?.removeEventListener('abort', onAbort);
      resolve({ ...outcome, durationMs: Math.round(performance.now() - started) });
    };
    const stop = (why: 'timed-out' | 'cancelled') => {
      if (ended !== 'exited' || settled) return;
      ended = why;
      signalTree(child, 'SIGTERM');
      timers.push(setTimeout(() => signalTree(child, 'SIGKILL'), grace));
    };
    const onAbort = () => stop('cancelled');

    child.stdout!.on('data', (chunk: Buffer) => request.onOutput(chunk));
    child.stderr!.on('data', (chunk: Buffer) => request.onOutput(chunk));
    child.once('error', (error) => finish({ ended: 'spawn-failed', exitCode: null, signal: null, spawnError: error.message }));
    child.once('exit', (code, signal) => {
      // Whatever the command left running in the background goes with it: the checkout is about to be removed.
      signalTree(child, 'SIGTERM');
      setTimeout(() => signalTree(child, 'SIGKILL'), grace).unref();
      // Output normally ends with the process; a leftover holding the pipes open must not hold the check.
      timers.push(
        setTimeout(() => {
          child.stdout!.destroy();
          child.stderr!.destroy();
          finish({ ended, exitCode: code, signal });
        }, grace + 1000),
      );
      child.once('close', () => finish({ ended, exitCode: code, signal }));
    });

    timers.push(setTimeout(() => stop('timed-out'), request.timeoutMs));
    if (request.signal?.aborted) onAbort();
    else request.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
