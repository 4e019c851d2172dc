// `fleet-control serve` as a real process: SIGTERM ends it within a few seconds while a job hangs on the network,
// and a clone into a read-only mount is refused at once, by name (the mount made in a namespace of its own).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import type { WireResult } from '../../../src/shared/wire';
import { GitHttpServer, gitAsync } from '../../helpers/git-http-server';
import { cleanupTempDirs, git, makeTempDir } from '../../helpers/git';
import { TOKEN, initialisedWorkspace } from '../core/remotes/remote-fixture';
import { connectSocket, messagesOf, sessionProtocols, signIn } from '../server/host-fixture';
import { BIN, cliEnv, ensureBuiltCli } from './run-cli';

let server: GitHttpServer;
const unbuilt = ensureBuiltCli();

beforeAll(async () => {
  server = await GitHttpServer.start({ token: TOKEN });
  server.createBareRepo('fleet');
});
afterAll(async () => {
  await server.stop();
  cleanupTempDirs();
});

interface Served {
  child: ChildProcess;
  link: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `serve` (through `wrapper` when given, e.g. a mount namespace) and waits for its link. */
function serve(repo: string, wrapper: string[] = []): Promise<Served> {
  const command = [...wrapper, process.execPath, BIN, 'serve', '--port', '0', repo];
  const child = spawn(command[0]!, command.slice(1), { env: { ...cliEnv(makeTempDir('fleet-appdata-')), FLEET_GIT_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no link: ${out}`)), 30_000);
    child.stdout!.on('data', () => {
      const link = /http:\/\/\S+\?token=[\w-]+/.exec(out)?.[0];
      if (link) {
        clearTimeout(timer);
        resolve({ child, link, output: () => out, exited });
      }
    });
    void exited.then(() => reject(new Error(`serve exited: ${out}`)));
  });
}

/** A socket signed in through the link, and a way to call the contract on it. */
async function connect(link: string): Promise<{ socket: WebSocket; call: (method: string, input: unknown) => Promise<WireResult['result']> }> {
  const port = Number(new URL(link).port);
  const session = await signIn(link);
  const opened = await connectSocket(`ws://127.0.0.1:${port}/ws`, { Origin: `http://127.0.0.1:${port}` }, sessionProtocols(session));
  if (!('socket' in opened)) throw new Error(`refused with ${opened.refusedWith}`);
  const socket = opened.socket;
  const next = messagesOf(socket);
  let id = 0;
  const call = async (method: string, input: unknown) => {
    const mine = ++id;
    socket.send(JSON.stringify({ type: 'call', id: mine, method, input }));
    return ((await next((m) => m.type === 'result' && m.id === mine, 20_000)) as WireResult).result;
  };
  return { socket, call };
}

describe.skipIf(unbuilt !== null)('serve as a process', () => {
  it('ends within a few seconds on SIGTERM while a push hangs on a server that never answers', async () => {
    const workspace = await initialisedWorkspace();
    git(workspace.path, 'remote', 'add', 'origin', server.url('fleet'));
    server.stallWhen = (method, path) => method === 'POST' && path.endsWith('/git-receive-pack');
    const served = await serve(workspace.path);
    try {
      const { call } = await connect(served.link);
      expect(await call('pushBranches', { remotes: ['origin'] })).toMatchObject({ ok: true, value: { jobId: expect.any(String) } });
      await expect.poll(() => server.stalled, { timeout: 15_000 }).toBeGreaterThan(0);
      const signalled = Date.now();
      served.child.kill('SIGTERM');
      expect(await served.exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - signalled, served.output()).toBeLessThan(6000);
      expect(served.output()).not.toMatch(/\n\s+at /);
      // The push never reached the remote.
      expect(git(join(server.root, 'fleet.git'), 'for-each-ref')).toBe('');
    } finally {
      server.stallWhen = null;
      served.child.kill('SIGKILL');
    }
  });

  const canMount = process.platform === 'linux' && spawnSync('unshare', ['-rm', 'true']).status === 0;
  it.runIf(canMount)('refuses at once to clone into a read-only mount or into /proc/self, naming the folder and why', async () => {
    const workspace = await initialisedWorkspace();
    await gitAsync(workspace.path, 'push', '-q', server.authUrl('fleet'), 'main');
    const readOnly = makeTempDir('fleet-ro-');
    mkdirSync(join(readOnly, 'inside'));
    // A mount namespace of its own, in which `readOnly` is a read-only bind mount; serve runs inside it.
    const mountThenServe = ['unshare', '-rm', 'sh', '-c', `mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"`, readOnly];
    const served = await serve(workspace.path, mountThenServe);
    try {
      const { call } = await connect(served.link);
      for (const [path, reason] of [[join(readOnly, 'fleet'), 'read-only'], [join(readOnly, 'inside'), 'read-only'], ['/proc/self/fleet', 'virtual-file-system']] as const) {
        const answer = await call('cloneRepository', { url: server.url('fleet'), path, token: TOKEN });
        expect(answer, path).toMatchObject({ ok: false, error: { code: 'TARGET_NOT_WRITABLE', data: { path, reason } } });
      }
      const busy = await call('cloneRepository', { url: server.url('fleet'), path: join(makeTempDir('fleet-clone-'), 'ok'), token: TOKEN });
      expect(busy, 'a refused target never takes the clone slot').toMatchObject({ ok: true });
    } finally {
      served.child.kill('SIGTERM');
      await served.exited;
    }
  });
});
