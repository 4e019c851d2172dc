import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApi, ApiError } from '../../src/renderer/src/lib/apiClient';
import { createSocketTransport, reconnectDelay, type SocketTransportOptions } from '../../src/renderer/src/transport/socket';
import type { ConnectionState } from '../../src/renderer/src/transport/types';

/** A WebSocket stand-in the test drives: it records what was sent and opens/closes on command. */
class FakeSocket {
  static all: FakeSocket[] = [];
  sent: Array<{ id: number; method: string; input: unknown }> = [];
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  readyState = 0;
  constructor(readonly url: string, readonly protocols: string[] = []) {
    FakeSocket.all.push(this);
  }
  send(text: string) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    this.readyState = 3;
    this.onclose?.();
  }
  /** The server began closing: the socket says so before its close event arrives. */
  closing() {
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  answer(id: number, result: unknown) {
    this.onmessage?.({ data: JSON.stringify({ type: 'result', id, result }) });
  }
  event(event: string, payload: unknown) {
    this.onmessage?.({ data: JSON.stringify({ type: 'event', event, payload }) });
  }
}

type SetupOptions = Partial<Pick<SocketTransportOptions, 'waitWhileDisconnectedMs' | 'credential' | 'checkSession'>>;

function setup(options: SetupOptions = {}) {
  const states: ConnectionState[] = [];
  const transport = createSocketTransport({
    url: 'ws://127.0.0.1:1/ws',
    credential: 'tab-session',
    onState: (s) => states.push(s),
    createSocket: (url, protocols) => new FakeSocket(url, protocols) as unknown as WebSocket,
    ...options,
  });
  return { transport, states, api: createApi(transport), socket: () => FakeSocket.all.at(-1)! };
}

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('browser transport', () => {
  it('sends wire calls and unwraps the envelope: a value, or an ApiError with code, message and data', async () => {
    const { api, socket } = setup();
    socket().open();
    const board = api.getCurrentWorkspace({});
    expect(socket().sent[0]).toMatchObject({ type: 'call', method: 'getCurrentWorkspace', input: {} });
    socket().answer(socket().sent[0]!.id, { ok: true, value: null });
    await expect(board).resolves.toBeNull();

    const open = api.openWorkspace({ path: '/nope' });
    socket().answer(socket().sent[1]!.id, { ok: false, error: { code: 'PATH_NOT_FOUND', message: '/nope does not exist.', data: { path: '/nope' } } });
    const error = await open.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'PATH_NOT_FOUND', message: '/nope does not exist.', data: { path: '/nope' } });
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const { api, socket } = setup();
    socket().open();
    const seen: unknown[] = [];
    const off = api.on('boardChanged', (p) => seen.push(p));
    socket().event('boardChanged', { reason: 'refs' });
    off();
    socket().event('boardChanged', { reason: 'init' });
    expect(seen).toEqual([{ reason: 'refs' }]);
  });

  it('holds calls made while disconnected and sends them once the connection is back', async () => {
    const { api, socket, states } = setup();
    socket().open();
    socket().close();
    expect(states.at(-1)).toMatchObject({ status: 'lost', attempt: 1 });
    const pending = api.getBoard({});
    await vi.advanceTimersByTimeAsync(reconnectDelay(1, () => 1) + 1);
    expect(FakeSocket.all).toHaveLength(2);
    socket().open();
    expect(states.at(-1)).toEqual({ status: 'open' });
    expect(socket().sent[0]).toMatchObject({ method: 'getBoard' });
    socket().answer(socket().sent[0]!.id, { ok: true, value: { modules: [] } });
    await expect(pending).resolves.toEqual({ modules: [] });
  });

  it('holds a call made while the server is closing the socket and sends it on the next connection, never on the closing one', async () => {
    const { api, socket } = setup();
    socket().open();
    const closing = socket();
    closing.closing();
    const pending = api.getBoard({});
    expect(closing.sent).toHaveLength(0);
    closing.close();
    await vi.advanceTimersByTimeAsync(reconnectDelay(1, () => 1) + 1);
    socket().open();
    expect(socket()).not.toBe(closing);
    expect(socket().sent[0]).toMatchObject({ method: 'getBoard' });
    socket().answer(socket().sent[0]!.id, { ok: true, value: { modules: [] } });
    await expect(pending).resolves.toEqual({ modules: [] });
  });

  it('fails a held call clearly when the connection stays down', async () => {
    const { api, socket } = setup({ waitWhileDisconnectedMs: 5000 });
    socket().close();
    const pending = api.getBoard({}).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5001);
    expect(await pending).toMatchObject({ code: 'DISCONNECTED' });
  });

  it('fails calls in flight when the connection drops, rather than leaving them hanging', async () => {
    const { api, socket } = setup();
    socket().open();
    const pending = api.getModule({ moduleId: 'fleet-hub' }).catch((e: unknown) => e);
    socket().close();
    expect(await pending).toMatchObject({ code: 'DISCONNECTED' });
  });

  it('presents the tab session in the handshake as a second subprotocol, never in the URL', () => {
    const { socket } = setup();
    expect(socket().protocols).toEqual(['fleet-control.v1', 'fleet-session.tab-session']);
    expect(socket().url).toBe('ws://127.0.0.1:1/ws');
  });

  it('does not connect at all without a session, says so, and fails calls at once', async () => {
    const { api, states } = setup({ credential: null });
    expect(FakeSocket.all).toHaveLength(0);
    expect(states).toEqual([{ status: 'signedOut', reason: 'missing' }]);
    expect(await api.getBoard({}).catch((e: unknown) => e)).toMatchObject({ code: 'DISCONNECTED', message: expect.stringContaining('link') });
  });

  it('stops reconnecting and says the session ended when the server refuses it (it restarted)', async () => {
    const asked: string[] = [];
    const { api, socket, states } = setup({ checkSession: async (c) => (asked.push(c), 'ended') });
    socket().open();
    socket().close();
    await vi.advanceTimersByTimeAsync(reconnectDelay(1, () => 1) + 1);
    const held = api.getBoard({}).catch((e: unknown) => e);
    socket().close(); // the new handshake is refused before it opens
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toEqual(['tab-session']);
    expect(states.at(-1)).toEqual({ status: 'signedOut', reason: 'ended' });
    expect(await held).toMatchObject({ code: 'DISCONNECTED' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('keeps retrying while the server is merely unreachable', async () => {
    const { socket, states } = setup({ checkSession: async () => 'unreachable' });
    socket().close();
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toMatchObject({ status: 'lost', attempt: 1 });
    await vi.advanceTimersByTimeAsync(reconnectDelay(1, () => 1) + 1);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('backs off between reconnect attempts, up to ten seconds', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => reconnectDelay(n, mid))).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000]);
  });
});
