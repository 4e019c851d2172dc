// Runs one program in its own process group (session) and streams its output; a time limit or a cancel sends
// SIGTERM, then SIGKILL after a grace period, to everything it started. When it ends, whatever it left running
// (also processes that moved to a new session with setsid, found on Linux by the launch marker) is ended too, and
// the outcome is reported only once they are gone.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { launchProcesses, launchProcessesPaced } from './leftovers';

export interface ProcessRequest {
  /** The program and its arguments; on Windows `shellCommand` runs through cmd.exe instead. */
  argv: string[];
  shellCommand?: string;
  cwd: string;
  env: Record<string, string>;
  /** `NAME=value` carried in every process of this launch. */
  marker: string;
  /**
   * argv[0] is bwrap: SIGTERM goes to the processes inside only, since bwrap dying takes its namespace down with
   * SIGKILL at once and the command would get no grace period. Linux only (the /proc scan finds them).
   */
  wrapped?: boolean;
  timeoutMs: number;
  signal?: AbortSignal;
  /** How long SIGTERM has to work before SIGKILL (default 2000 ms). */
  killGraceMs?: number;
  onOutput: (chunk: Buffer) => void;
}

export interface ProcessOutcome {
  ended: 'exited' | 'timed-out' | 'cancelled' | 'spawn-failed';
  exitCode: number | null;
  /** The signal that ended the program when it did not exit by itself. */
  signal: string | null;
  /** Why the program could not be started (spawn-failed). */
  spawnError?: string;
  durationMs: number;
}

const POLL_MS = 25;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every process of the launch that is still alive (POSIX: the group, plus on Linux the /proc scan). */
function alive(child: ChildProcess, marker: string): number[] {
  const pid = child.pid!;
  if (process.platform === 'linux') return launchProcesses(pid, marker);
  try {
    process.kill(-pid, 0);
    return [-pid];
  } catch {
    return [];
  }
}

function signalAll(child: ChildProcess, marker: string, signal: NodeJS.Signals, wrapped = false): number {
  if (child.pid === undefined) return 0;
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
    return 0;
  }
  const spareWrapper = wrapped && signal === 'SIGTERM';
  const targets = spareWrapper ? alive(child, marker).filter((pid) => pid !== child.pid) : [-child.pid, ...alive(child, marker)];
  for (const target of targets) {
    try {
      process.kill(target, signal);
    } catch {
      // ESRCH: already gone.
    }
  }
  return targets.length;
}

/**
 * True once two scans a poll apart find nothing: a process in the middle of setsid and exec can be missed by one
 * scan (its environment unreadable for an instant, no longer in the group, its parent gone).
 */
async function goneFor(child: ChildProcess, marker: string): Promise<boolean> {
  if ((await aliveNow(child, marker)).length > 0) return false;
  await sleep(POLL_MS);
  return (await aliveNow(child, marker)).length === 0;
}

/** alive() with the Linux /proc scan paced, for the waits (a signal still scans at once, in one go). */
async function aliveNow(child: ChildProcess, marker: string): Promise<number[]> {
  return process.platform === 'linux' && child.pid !== undefined ? launchProcessesPaced(child.pid, marker) : alive(child, marker);
}

/** Ends what is left of the launch: SIGTERM, up to `grace` ms for it to go, then SIGKILL and a short wait. */
async function endAll(child: ChildProcess, marker: string, grace: number, wrapped: boolean): Promise<void> {
  if (process.platform === 'win32' || child.pid === undefined) return void signalAll(child, marker, 'SIGKILL');
  if (await goneFor(child, marker)) return;
  signalAll(child, marker, 'SIGTERM', wrapped);
  for (const deadline = performance.now() + grace; performance.now() < deadline; ) {
    if (await goneFor(child, marker)) return;
    // Anything that showed up since (a process forked while the first signal went out) gets it too.
    signalAll(child, marker, 'SIGTERM', wrapped);
  }
  signalAll(child, marker, 'SIGKILL');
  for (const deadline = performance.now() + 1000; performance.now() < deadline && !(await goneFor(child, marker)); ) signalAll(child, marker, 'SIGKILL');
}

/** Runs the program; resolves when it, its output and everything it started have ended. */
export function runProcess(request: ProcessRequest): Promise<ProcessOutcome> {
  const started = performance.now();
  const grace = request.killGraceMs ?? 2000;
  return new Promise((resolve) => {
    let ended: ProcessOutcome['ended'] = 'exited';
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const windows = process.platform === 'win32';
    const [file, ...args] = request.argv;
    const child = spawn(windows && request.shellCommand ? request.shellCommand : file!, windows && request.shellCommand ? [] : args, {
      shell: windows && request.shellCommand !== undefined,
      cwd: request.cwd,
      env: request.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // A new session and process group on POSIX: one kill reaches everything the program started.
      detached: !windows,
      windowsHide: true,
    });
    const marker = request.marker;

    const finish = (outcome: Omit<ProcessOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      request.signal?.removeEventListener('abort', onAbort);
      resolve({ ...outcome, durationMs: Math.round(performance.now() - started) });
    };
    const stop = (why: 'timed-out' | 'cancelled') => {
      if (ended !== 'exited' || settled) return;
      ended = why;
      signalAll(child, marker, 'SIGTERM', request.wrapped);
      timers.push(setTimeout(() => signalAll(child, marker, 'SIGKILL'), grace));
    };
    const onAbort = () => stop('cancelled');

    child.stdout!.on('data', (chunk: Buffer) => request.onOutput(chunk));
    child.stderr!.on('data', (chunk: Buffer) => request.onOutput(chunk));
    child.once('error', (error) => finish({ ended: 'spawn-failed', exitCode: null, signal: null, spawnError: error.message }));
    child.once('exit', (code, signal) => {
      let closed = false;
      child.once('close', () => (closed = true));
      // Whatever the program left running goes with it (its folder is about to be removed); then the output ends.
      void endAll(child, marker, grace, request.wrapped === true).then(() => {
        if (closed) return finish({ ended, exitCode: code, signal });
        child.once('close', () => finish({ ended, exitCode: code, signal }));
        // Something outside the launch may still hold the pipes (a daemon it handed them to): do not wait for it.
        timers.push(
          setTimeout(() => {
            child.stdout!.destroy();
            child.stderr!.destroy();
            finish({ ended, exitCode: code, signal });
          }, 1000),
        );
      });
    });

    timers.push(setTimeout(() => stop('timed-out'), request.timeoutMs));
    if (request.signal?.aborted) onAbort();
    else request.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
