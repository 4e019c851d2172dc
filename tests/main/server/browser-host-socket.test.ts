import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { startBrowserHost, type BrowserHost } from '../../../src/main/server/browser-host';
import { SESSION_COOKIE, WS_PATH, type WireResult } from '../../../src/shared/wire';
import { cleanupTempDirs, commitFiles, initRepo } from '../../helpers/git';
import { connectSocket, makeRendererDir, disposeCores, makeCore, messagesOf } from './host-fixture';

const hosts: BrowserHost[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  for (const host of hosts.splice(0)) await host.close();
  await disposeCores();
});
afterAll(cleanupTempDirs);

async function start(): Promise<BrowserHost> {
  const host = await startBrowserHost({ app: makeCore(), rendererDir: makeRendererDir(), log: () => undefined });
  hosts.push(host);
  return host;
}

function wsUrl(host: BrowserHost): string {
  return `ws://127.0.0.1:${host.port}${WS_PATH}`;
}

function ownHeaders(host: BrowserHost): Record<string, string> {
  return { Origin: `http://127.0.0.1:${host.port}`, Cookie: `${SESSION_COOKIE}_${host.port}=${host.token}` };
}

async function open(host: BrowserHost): Promise<WebSocket> {
  const result = await connectSocket(wsUrl(host), ownHeaders(host));
  if (!('socket' in result)) throw new Error(`refused with ${result.refusedWith}`);
  sockets.push(result.socket);
  return result.socket;
}

describe('the browser host WebSocket', () => {
  it('refuses an upgrade from a foreign Origin before any message flows', async () => {
    const host = await start();
    for (const origin of ['http://evil.example', `http://localhost:${host.port + 1}`, `https://127.0.0.1:${host.port}`, 'null']) {
      expect(await connectSocket(wsUrl(host), { ...ownHeaders(host), Origin: origin }), origin).toEqual({ refusedWith: 403 });
    }
    expect(await connectSocket(wsUrl(host), { Cookie: `${SESSION_COOKIE}_${host.port}=${host.token}` })).toEqual({ refusedWith: 403 });
  });

  it('accepts an upgrade through an SSH tunnel on another local port, when Origin matches that Host', async () => {
    const host = await start();
    const result = await connectSocket(wsUrl(host), { Cookie: `${SESSION_COOKIE}_${host.port}=${host.token}`, Host: 'localhost:8080', Origin: 'http://localhost:8080' });
    expect('socket' in result).toBe(true);
    if ('socket' in result) sockets.push(result.socket);
  });

  it('refuses an upgrade without the session cookie, or through a foreign Host', async () => {
    const host = await start();
    expect(await connectSocket(wsUrl(host), { Origin: `http://127.0.0.1:${host.port}` })).toEqual({ refusedWith: 401 });
    const foreignHost = { ...ownHeaders(host), Host: `rebound.example:${host.port}`, Origin: `http://rebound.example:${host.port}` };
    expect(await connectSocket(wsUrl(host), foreignHost)).toEqual({ refusedWith: 421 });
  });

  it('round-trips a contract call, and answers bad input with INVALID_INPUT', async () => {
    const host = await start();
    const socket = await open(host);
    const next = messagesOf(socket);
    socket.send(JSON.stringify({ type: 'call', id: 1, method: 'getAppInfo', input: {} }));
    socket.send(JSON.stringify({ type: 'call', id: 2, method: 'openWorkspace', input: { path: 42 } }));
    socket.send(JSON.stringify({ type: 'call', id: 3, method: 'dropDatabase', input: {} }));
    socket.send(JSON.stringify({ type: 'nonsense', id: 4 }));
    const info = (await next((m) => m.type === 'result' && m.id === 1)) as WireResult;
    expect(info.result).toMatchObject({ ok: true, value: { version: '0.0.0-test', transport: 'browser', platform: process.platform, canPickFolder: false } });
    const bad = (await next((m) => m.type === 'result' && m.id === 2)) as WireResult;
    expect(bad.result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('path') } });
    expect((await next((m) => m.type === 'result' && m.id === 3)) as WireResult).toMatchObject({ result: { ok: false, error: { code: 'UNKNOWN_METHOD' } } });
    expect((await next((m) => m.type === 'result' && m.id === 4)) as WireResult).toMatchObject({ result: { ok: false, error: { code: 'INVALID_INPUT' } } });
  });

  it('also accepts the token as ?token= on the upgrade, for clients without a cookie jar', async () => {
    const host = await start();
    const result = await connectSocket(`${wsUrl(host)}?token=${host.token}`, { Origin: `http://127.0.0.1:${host.port}` });
    expect('socket' in result).toBe(true);
    if ('socket' in result) sockets.push(result.socket);
  });

  it('sends core events to every connected socket', async () => {
    const host = await start();
    const first = await open(host);
    const second = await open(host);
    const [nextOfFirst, nextOfSecond] = [messagesOf(first), messagesOf(second)];
    const folder = initRepo();
    commitFiles(folder, { 'README.md': '# fleet\n' }, 'first');
    first.send(JSON.stringify({ type: 'call', id: 7, method: 'openWorkspace', input: { path: folder } }));
    for (const next of [nextOfFirst, nextOfSecond]) {
      expect(await next((m) => m.type === 'event')).toEqual({ type: 'event', event: 'workspaceChanged', payload: expect.objectContaining({ path: folder }) });
    }
    expect(await nextOfFirst((m) => m.type === 'result' && m.id === 7)).toMatchObject({ result: { ok: true } });
  });

  it('closes a socket that sends something other than JSON, and disconnects everyone on close()', async () => {
    const host = await start();
    const garbled = await open(host);
    const closedWith = new Promise<number>((resolve) => garbled.once('close', (code) => resolve(code)));
    garbled.send('not json');
    expect(await closedWith).toBe(1007);

    const socket = await open(host);
    const goneWith = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await host.close();
    expect(await goneWith).toBe(1001);
    expect(await connectSocket(wsUrl(host), ownHeaders(host)).catch((error: Error) => error.message)).toMatch(/ECONNREFUSED/);
  });
});
