// The background helper of `fleet-control push` (src/main/daemon/): started by a push that found none, holding no
// token, running later pushes with each one's own token, forwarding Ctrl+C, serving only its key and environment, and
// ending when stopped or idle. Real CLI processes, a real git http-backend, the git CLI to check the server.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { GitHttpServer } from '../../helpers/git-http-server';
import { cleanupTempDirs, git, makeTempDir } from '../../helpers/git';
import { TOKEN, editModuleDocs, initialisedWorkspace } from '../core/remotes/remote-fixture';
import { BIN, ROOT, cliEnv, ensureBuiltCli, spawnCli, type CliResult } from './run-cli';
import { daemonAddress, readKeyFile, type DaemonAddress } from '../../../src/main/daemon/address';
import { PUSH_FLAGS } from '../../../src/main/push-client';
import { COMMANDS, FLAGS } from '../../../src/main/cli-registry';

const notBuilt = ensureBuiltCli();
if (notBuilt) console.warn(`skipping the CLI helper tests: ${notBuilt}`);
const MAIN_DIR = join(ROOT, 'out', 'main');

let server: GitHttpServer;
const started: ChildProcess[] = [];
beforeAll(async () => {
  server = await GitHttpServer.start({ token: TOKEN });
});
afterAll(async () => {
  // A helper a test left running ends as on SIGTERM: it removes its key file and socket.
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await server.stop();
  cleanupTempDirs();
});

/** An environment of its own (so a helper of its own), with the helper on; FLEET_DEBUG=1 says who ran a push. */
function helperEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...cliEnv(makeTempDir('fleet-cli-home-')), FLEET_CONTROL_DAEMON: '1', FLEET_DEBUG: '1', ...extra };
}

function cli(args: string[], env: NodeJS.ProcessEnv, secrets: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...env, ...secrets }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

async function waitFor<T>(what: string, probe: () => T | null | undefined | false, ms = 15_000): Promise<T> {
  for (let waited = 0; ; waited += 25) {
    const value = probe();
    if (value) return value;
    if (waited > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The helper's address for `env`, as the CLI computes it. */
function addressFor(env: NodeJS.ProcessEnv): DaemonAddress {
  const address = daemonAddress(MAIN_DIR, env);
  if (!address) throw new Error('no address for the helper');
  return address;
}

/** An initialised workspace whose origin is a new repository `name` on the test server. */
async function workspaceWithRemote(name: string): Promise<Awaited<ReturnType<typeof initialisedWorkspace>>> {
  const workspace = await initialisedWorkspace();
  server.createBareRepo(name);
  git(workspace.path, 'remote', 'add', 'origin', server.url(name));
  return workspace;
}

/** Waits until the test server holds a stalled receive-pack (stallWhen set) beyond the `before` it had. */
function receivePackStalled(before: number): Promise<true> {
  return waitFor('the push to reach the server', () => server.stalled > before, 30_000);
}

/** Starts `fleet-control daemon` for `env` itself and waits until it listens; its pid. */
async function startHelper(env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(process.execPath, [BIN, 'daemon'], { env, stdio: 'ignore' });
  started.push(child);
  return (await waitFor('the helper to listen', () => readKeyFile(addressFor(env)))).pid;
}

/** Sends one raw line to the helper and returns its first answer. */
function ask(address: DaemonAddress, message: unknown): Promise<{ type: string; text?: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(address.socket);
    let text = '';
    socket.setEncoding('utf8');
    socket.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) {
        socket.destroy();
        resolve(JSON.parse(text.slice(0, text.indexOf('\n'))) as { type: string; text?: string });
      }
    });
    socket.on('error', reject);
  });
}

describe.skipIf(notBuilt !== null)('the background helper of fleet-control push', () => {
  it('takes the same flags as the push of the command line', () => {
    expect(Object.keys(PUSH_FLAGS).sort()).toEqual([...COMMANDS.push!.flags].sort());
    for (const name of COMMANDS.push!.flags) expect(PUSH_FLAGS[name as keyof typeof PUSH_FLAGS]).toEqual(FLAGS[name]);
  });

  it('is started by a push that found none, holds no token, runs the next pushes with their own tokens, and stops', async () => {
    const workspace = await workspaceWithRemote('helped');
    const env = helperEnv();
    const address = addressFor(env);

    const first = await cli(['push', workspace.path], env, { FLEET_GIT_TOKEN: TOKEN });
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(/33 pushed, 0 up to date, 0 failed/);
    expect(first.stderr).not.toContain('runs this push');

    const { pid } = await waitFor('the helper the push started', () => readKeyFile(address));
    if (process.platform !== 'win32') {
      expect(statSync(address.keyFile).mode & 0o777).toBe(0o600);
      expect(statSync(address.folder).mode & 0o777).toBe(0o700);
    }
    if (process.platform === 'linux') {
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
      expect(environ).toContain('FLEET_CONTROL_HOME=');
      expect(environ).not.toContain(TOKEN);
      expect(environ).not.toContain('FLEET_GIT_TOKEN');
    }

    const tips = await editModuleDocs(workspace, ['fleet-hub']);
    const second = await cli(['push', workspace.path], env, { FLEET_GIT_TOKEN: TOKEN });
    expect(second.stderr).toContain(`The background helper (pid ${pid}) runs this push.`);
    expect(second).toMatchObject({ code: 0 });
    expect(second.stdout).toMatch(/^ {2}pushed +module\/fleet-hub {2}[0-9a-f]{7}\.\.[0-9a-f]{7}$/m);
    expect(second.stdout).toMatch(/1 pushed, 32 up to date, 0 failed/);
    expect(git(`${server.root}/helped.git`, 'rev-parse', 'refs/heads/module/fleet-hub')).toBe(tips.get('module/fleet-hub'));
    expect(git(workspace.path, 'rev-parse', 'refs/remotes/origin/module/fleet-hub')).toBe(tips.get('module/fleet-hub'));

    // Each push brings its own token: a wrong one fails, and is never printed.
    await editModuleDocs(workspace, ['fleet-hub'], 'Second round.');
    const wrong = await cli(['push', workspace.path], env, { FLEET_GIT_TOKEN: 'not-the-token' });
    expect(wrong.stderr).toContain(`(pid ${pid}) runs this push`);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/AUTH_FAILED/);
    expect(wrong.stdout + wrong.stderr).not.toContain('not-the-token');

    const json = await cli(['push', workspace.path, '--json'], env, { FLEET_GIT_TOKEN: TOKEN });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ pushed: 1, failed: 0 });

    // The push's errors come back as the command would print them.
    const unknown = await cli(['push', workspace.path, '--remote', 'nowhere'], env, { FLEET_GIT_TOKEN: TOKEN });
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toMatch(/^error: This repository has no remote called "nowhere"\./m);
    expect(alive(pid)).toBe(true);

    const stopped = await cli(['daemon', '--stop'], env);
    expect(stopped).toMatchObject({ code: 0, stdout: `Stopped the background helper (pid ${pid}).\n` });
    await waitFor('the helper to end', () => !alive(pid));
    expect(existsSync(address.keyFile)).toBe(false);
    if (process.platform !== 'win32') expect(existsSync(address.socket)).toBe(false);
    expect((await cli(['daemon', '--stop'], env)).stdout).toBe('No background helper runs for this build and environment.\n');
  });

  it('forwards Ctrl+C: the push in the helper stops, the branches are reported queued, and the exit code is 130', async () => {
    const workspace = await workspaceWithRemote('helped-interrupted');
    const env = helperEnv();
    const pid = await startHelper(env);
    server.stallWhen = (method, path) => method === 'POST' && path.includes('git-receive-pack');
    try {
      const stalledBefore = server.stalled;
      const { child, output, exited } = spawnCli(['push', workspace.path], { ...env, FLEET_GIT_TOKEN: TOKEN });
      await receivePackStalled(stalledBefore);
      expect(output.stderr).toContain(`(pid ${pid}) runs this push`);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(output.stderr).toContain('Cancelling the push… Ctrl+C again to quit at once.');
      expect(output.stdout).toMatch(/^ {2}queued \(retry\) +module\/fleet-hub$/m);
      expect(output.stdout).toMatch(/0 pushed, 0 up to date, 33 failed/);
      expect(git(`${server.root}/helped-interrupted.git`, 'for-each-ref', 'refs/heads/module/')).toBe('');
      // The helper itself goes on serving.
      expect(alive(pid)).toBe(true);
    } finally {
      server.stallWhen = null;
      await cli(['daemon', '--stop'], env);
    }
  });

  it('says so when the helper dies mid-push, and does not push again by itself', async () => {
    const workspace = await workspaceWithRemote('helper-died');
    const env = helperEnv();
    const address = addressFor(env);
    const pid = await startHelper(env);
    server.stallWhen = (method, path) => method === 'POST' && path.includes('git-receive-pack');
    try {
      const before = server.requests.length;
      const stalledBefore = server.stalled;
      const pushing = cli(['push', workspace.path], env, { FLEET_GIT_TOKEN: TOKEN });
      await receivePackStalled(stalledBefore);
      process.kill(pid, 'SIGKILL');
      const result = await pushing;
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^error: The background helper stopped before the push ended: the remote has what it received until then\. Run the push again/m);
      // One push: the advertisement and the one receive-pack the helper began, nothing from the command itself.
      expect(server.requests.slice(before).filter((r) => r.method === 'POST')).toHaveLength(1);
    } finally {
      server.stallWhen = null;
      // What the killed helper left (the next one would replace it).
      rmSync(address.keyFile, { force: true });
      rmSync(address.socket, { force: true });
    }
  });

  it('serves only requests with its key, its environment and a well-formed push, and says why it declines', async () => {
    const env = helperEnv();
    const address = addressFor(env);
    await startHelper(env);
    const { key } = readKeyFile(address)!;
    const request = { type: 'request', version: 1, key, environment: address.environment, command: 'push', repo: ROOT, json: false, secrets: {} };
    try {
      expect(await ask(address, 'not json')).toEqual({ type: 'declined', text: 'the request is not JSON' });
      expect(await ask(address, { ...request, key: '0'.repeat(64) })).toEqual({ type: 'declined', text: 'the key does not match' });
      expect(await ask(address, { ...request, environment: addressFor({ ...env, HTTPS_PROXY: 'http://127.0.0.1:9' }).environment })).toEqual({
        type: 'declined',
        text: 'the environment differs from the helper’s',
      });
      const relative = await ask(address, { ...request, repo: 'relative/path' });
      expect(relative.type).toBe('declined');
      expect(relative.text).toMatch(/repo: must be an absolute path/);
      expect((await ask(address, { ...request, command: 'fetch' })).text).toMatch(/^the request is not one this helper takes \(command:/);
      expect((await ask(address, { type: 'stop', version: 1, key: 'f'.repeat(64) })).text).toBe('the key does not match');
      // Another environment has another helper (none here yet).
      expect(addressFor({ ...env, HTTPS_PROXY: 'http://127.0.0.1:9' }).socket).not.toBe(address.socket);
    } finally {
      await cli(['daemon', '--stop'], env);
    }
  });

  it('replaces a helper that was killed: the push runs in its own process and starts a new one', async () => {
    const workspace = await workspaceWithRemote('helper-killed');
    const env = helperEnv();
    const address = addressFor(env);
    const killed = await startHelper(env);
    process.kill(killed, 'SIGKILL');
    await waitFor('the helper to die', () => !alive(killed));
    // Its key file and socket are left behind, as after a crash.
    expect(readKeyFile(address)?.pid).toBe(killed);
    try {
      const pushed = await cli(['push', workspace.path], env, { FLEET_GIT_TOKEN: TOKEN });
      expect(pushed).toMatchObject({ code: 0 });
      expect(pushed.stdout).toMatch(/33 pushed, 0 up to date, 0 failed/);
      expect(pushed.stderr).not.toContain('runs this push');
      const replacement = await waitFor('a new helper', () => readKeyFile(address)?.pid !== killed && readKeyFile(address));
      expect(alive(replacement.pid)).toBe(true);
    } finally {
      await cli(['daemon', '--stop'], env);
    }
  });

  it('is not started with FLEET_CONTROL_DAEMON=0, and ends by itself when idle', async () => {
    const workspace = await workspaceWithRemote('unhelped');
    const off = helperEnv({ FLEET_CONTROL_DAEMON: '0' });
    const pushed = await cli(['push', workspace.path], off, { FLEET_GIT_TOKEN: TOKEN });
    expect(pushed.code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(readKeyFile(addressFor(off))).toBeNull();

    const idle = helperEnv({ FLEET_CONTROL_DAEMON_IDLE_MS: '300' });
    const address = addressFor(idle);
    const pid = await startHelper(idle);
    await waitFor('the idle helper to end', () => !alive(pid), 10_000);
    expect(existsSync(address.keyFile)).toBe(false);
  });
});
