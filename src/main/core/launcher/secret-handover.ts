// The CLI commands that start child processes (serve, check) must not keep keys in their environment block, where
// any process of the same user can read them (/proc/<pid>/environ). At start, when secret-looking variables are
// present, the same command is executed again without them and they are handed over on a pipe (fd 3); the first
// process stays only as a thin waiter that forwards SIGINT/SIGTERM/SIGHUP and the exit code. Other commands skip all
// this, so their start-up stays fast.

import { spawn } from 'node:child_process';
import { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import { secretVariables, withoutSecretVariables } from '../../../shared/secret-names';
import { holdSecrets, takeSecretsFromEnvironment } from './held-secrets';

/** Set (to the fd number) in the re-executed process's environment; it holds no secret. */
const HANDOVER = 'FLEET_CONTROL_HANDOVER';
const HANDOVER_FD = 3;
const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** In the re-executed process: reads the secrets (one JSON line), then ends itself if the waiter dies. */
function receive(): Promise<void> {
  return new Promise((resolve, reject) => {
    const pipe = new Socket({ fd: HANDOVER_FD, readable: true, writable: false });
    let text = '';
    let received = false;
    pipe.setEncoding('utf8');
    pipe.on('data', (chunk: string) => {
      if (received) return;
      text += chunk;
      const end = text.indexOf('\n');
      if (end < 0) return;
      received = true;
      holdSecrets(JSON.parse(text.slice(0, end)) as Record<string, string>);
      text = '';
      // The pipe stays open while the waiter lives, but must not keep this process alive by itself.
      pipe.unref();
      resolve();
    });
    pipe.on('error', () => undefined);
    pipe.once('close', () => {
      if (!received) reject(new Error('the keys handed over by the waiting process did not arrive'));
      // The waiter was killed (it would have forwarded a signal otherwise): stop as if asked to.
      else process.kill(process.pid, 'SIGTERM');
    });
  });
}

/** In the first process: runs this command again without `secrets`, hands them over, and mirrors its end. */
function relaunch(secrets: Record<string, string>): void {
  const env: NodeJS.ProcessEnv = { ...withoutSecretVariables(process.env), [HANDOVER]: String(HANDOVER_FD) };
  // Its own session: a Ctrl+C reaches only this waiter, which forwards it once (the child reads the terminal
  // still, as a terminal that is not its controlling one).
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { env, stdio: ['inherit', 'inherit', 'inherit', 'pipe'], detached: true });
  const pipe = child.stdio[HANDOVER_FD] as Writable;
  pipe.on('error', () => undefined);
  pipe.write(`${JSON.stringify(secrets)}\n`);
  for (const signal of FORWARDED) process.on(signal, () => child.kill(signal));
  child.once('error', (error) => {
    process.stderr.write(`error: could not start Fleet Control again without the keys in its environment: ${error.message}\n`);
    process.exit(1);
  });
  child.once('exit', (code, signal) => {
    if (code !== null) process.exit(code);
    for (const forwarded of FORWARDED) process.removeAllListeners(forwarded);
    process.kill(process.pid, signal ?? 'SIGTERM');
  });
}

/**
 * Called at the start of serve and check: 'received' in the re-executed process (keys now in memory only),
 * 'waiting' in the first process (it must do nothing else: it exits when the other does), 'clean' otherwise.
 */
export async function leaveSecretsBehind(): Promise<'received' | 'waiting' | 'clean'> {
  if (process.env[HANDOVER] === String(HANDOVER_FD)) {
    delete process.env[HANDOVER];
    await receive();
    return 'received';
  }
  const secrets = secretVariables(process.env);
  if (Object.keys(secrets).length === 0) return 'clean';
  if (process.platform === 'win32') {
    // No /proc there; keep them in memory and out of every child's environment.
    takeSecretsFromEnvironment();
    return 'clean';
  }
  relaunch(secrets);
  return 'waiting';
}
