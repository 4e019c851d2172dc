import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { startBrowserHost, type BrowserHost } from '../../../src/main/server/browser-host';
import { WS_PATH, type WireResult } from '../../../src/shared/wire';
import { SECURITY_HEADERS } from '../../../src/main/server/content-security-policy';
import { cleanupTempDirs, commitFiles, initRepo } from '../../helpers/git';
import { connectSocket, lastRefusalHeaders, makeRendererDir, disposeCores, makeCore, messagesOf, sessionProtocols, signIn } from './host-fixture';

const hosts: BrowserHost[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  for (const host of hosts.splice(0)) await host.close();
  await disposeCores();
});
afterAll(cleanupTempDirs);

/** A started host and the session a first page load got from its printed link. */
async function start(port = 0, log: (message: string) => void = () => undefined): Promise<BrowserHost & { session: string }> {
  const host = await startBrowserHost({ app: makeCore(), rendererDir: makeRendererDir(), log, port });
  hosts.push(host);
  return Object.assign(host, { session: await signIn(host.url) });
}

function wsUrl(host: BrowserHost): string {
  return `ws://127.0.0.1:${host.port}${WS_PATH}`;
}

function ownOrigin(host: BrowserHost): Record<string, string> {
  return { Origin: `http://127.0.0.1:${host.port}` };
}

async function open(host: BrowserHost & { session: string }): Promise<WebSocket> {
  const result = await connectSocket(wsUrl(host), ownOrigin(host), sessionProtocols(host.session));
  if (!('socket' in result)) throw new Error(`refused with ${result.refusedWith}`);
  sockets.push(result.socket);
  return result.socket;
}

describe('the browser host WebSocket', () => {
  it('refuses an upgrade from a foreign Origin before any message flows', async () => {
    const host = await start();
    for (const origin of ['http://evil.example', `http://localhost:${host.port + 1}`, `https://127.0.0.1:${host.port}`, 'null']) {
      expect(await connectSocket(wsUrl(host), { Origin: origin }, sessionProtocols(host.session)), origin).toEqual({ refusedWith: 403 });
    }
    expect(await connectSocket(wsUrl(host), {}, sessionProtocols(host.session))).toEqual({ refusedWith: 403 });
  });

  it('accepts an upgrade through an SSH tunnel on another local port, when Origin matches that Host', async () => {
    const host = await start();
    const result = await connectSocket(wsUrl(host), { Host: 'localhost:8080', Origin: 'http://localhost:8080' }, sessionProtocols(host.session));
    expect('socket' in result).toBe(true);
    if ('socket' in result) sockets.push(result.socket);
  });

  it('refuses an upgrade with no session, a wrong one or the link token itself, with the security headers on the refusal', async () => {
    const host = await start();
    const linkToken = new URL(host.newLink()).searchParams.get('token')!;
    const attempts: Array<[string, string[]]> = [
      ['no subprotocol', []],
      ['only the app protocol', ['fleet-control.v1']],
      ['a wrong session', sessionProtocols(`${host.session.slice(0, -1)}${host.session.endsWith('A') ? 'B' : 'A'}`)],
      ['an unused link token', sessionProtocols(linkToken)],
      ['the session as ?token=', []],
    ];
    for (const [label, protocols] of attempts) {
      const url = label === 'the session as ?token=' ? `${wsUrl(host)}?token=${host.session}` : wsUrl(host);
      expect(await connectSocket(url, ownOrigin(host), protocols), label).toEqual({ refusedWith: 401 });
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(lastRefusalHeaders[name.toLowerCase()], `${label}: ${name}`).toBe(value);
    }
    const foreignHost = { Host: `rebound.example:${host.port}`, Origin: `http://rebound.example:${host.port}` };
    expect(await connectSocket(wsUrl(host), foreignHost, sessionProtocols(host.session))).toEqual({ refusedWith: 421 });
    expect(lastRefusalHeaders['x-frame-options']).toBe('DENY');
  });

  it('accepts the session in the handshake and answers with the app protocol only, never echoing the credential', async () => {
    const host = await start();
    const socket = await open(host);
    expect(socket.protocol).toBe('fleet-control.v1');
  });

  it('refuses the old session after the server stops and starts again on the same port', async () => {
    const first = await start();
    const { port, session } = first;
    await first.close();
    const second = await start(port);
    expect(second.port).toBe(port);
    expect(await connectSocket(wsUrl(second), ownOrigin(second), sessionProtocols(session))).toEqual({ refusedWith: 401 });
    expect(await open(second)).toBeDefined();
    expect(await signIn(first.url).catch((error: Error) => error.message)).toMatch(/401/);
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
    expect(await connectSocket(wsUrl(host), ownOrigin(host), sessionProtocols(host.session)).catch((error: Error) => error.message)).toMatch(/ECONNREFUSED/);
  });

  it('logs malformed input once per connection, however many bad frames arrive', async () => {
    const lines: string[] = [];
    const host = await start(0, (message) => lines.push(message));
    const socket = await open(host);
    const next = messagesOf(socket);
    for (let id = 1; id <= 50; id++) socket.send(JSON.stringify({ type: 'nonsense', id }));
    await next((m) => m.type === 'result' && m.id === 50);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/malformed message.*not logged/);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.send('not json');
    await closed;
    expect(lines).toHaveLength(1);
  });
});
