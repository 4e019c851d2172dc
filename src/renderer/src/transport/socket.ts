// The browser transport: a WebSocket to the browser host speaking src/shared/wire.ts. The tab's session
// credential rides in the handshake as a second subprotocol value. Reconnects with backoff; calls made while
// disconnected wait a while for the link to come back, then fail with a clear error. A handshake the server
// refuses because the session ended (it restarted) stops the reconnecting and says so.

import type { EventName } from '../../../shared/contract';
import type { Envelope } from '../../../shared/names';
import { SESSION_PROTOCOL_PREFIX, WS_PROTOCOL, type WireCall, type WireServerMessage } from '../../../shared/wire';
import type { ConnectionState, Transport } from './types';

/** WebSocket.OPEN (the constant is not on every global the transport runs under in tests). */
const WS_OPEN = 1;

export interface SocketTransportOptions {
  url: string;
  /** The tab's session credential; null when the tab has none (it was not opened from a printed link). */
  credential: string | null;
  onState: (state: ConnectionState) => void;
  /** Asked after a connection attempt that never opened: is the session still live? */
  checkSession?: (credential: string) => Promise<'live' | 'ended' | 'unreachable'>;
  /** How long a call made while disconnected waits for the connection before failing. */
  waitWhileDisconnectedMs?: number;
  /** How long a sent call waits for its answer. */
  callTimeoutMs?: number;
  createSocket?: (url: string, protocols: string[]) => WebSocket;
  now?: () => number;
}

export interface SocketTransport extends Transport {
  /** Skips the backoff wait and reconnects at once (the banner's "Retry now"). */
  retryNow(): void;
  close(): void;
}

type Listener = (payload: unknown) => void;

interface Waiting {
  send: () => void;
  fail: () => void;
  timer: ReturnType<typeof setTimeout>;
}

interface Pending {
  resolve: (result: Envelope<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Delay before reconnect attempt `attempt` (1-based): 0.5 s doubling to 10 s, with ±20 % jitter. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

const SIGNED_OUT_TEXT = 'This tab has no Fleet Control session: open a link the server printed.';

function failure(code: string, message: string): Envelope<unknown> {
  return { ok: false, error: { code, message } };
}

function parseServerMessage(text: unknown): WireServerMessage | null {
  if (typeof text !== 'string') return null;
  try {
    const msg = JSON.parse(text) as Partial<WireServerMessage> | null;
    if (msg && msg.type === 'result' && typeof msg.id === 'number' && typeof msg.result === 'object') return msg as WireServerMessage;
    if (msg && msg.type === 'event' && typeof msg.event === 'string') return msg as WireServerMessage;
  } catch {
    // A malformed frame is ignored: the call it belonged to times out with a clear message.
  }
  return null;
}

export function createSocketTransport(options: SocketTransportOptions): SocketTransport {
  const waitMs = options.waitWhileDisconnectedMs ?? 20_000;
  const callTimeoutMs = options.callTimeoutMs ?? 60_000;
  const createSocket = options.createSocket ?? ((url: string, protocols: string[]) => new WebSocket(url, protocols));
  const credential = options.credential;
  const now = options.now ?? Date.now;

  const listeners = new Map<string, Set<Listener>>();
  const pending = new Map<number, Pending>();
  const waiting = new Set<Waiting>();
  let socket: WebSocket | null = null;
  let isOpen = false;
  let attempt = 0;
  let nextId = 1;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  /** No session (any more): nothing can be sent, and retrying would not help. */
  function signOut(reason: 'missing' | 'ended'): void {
    closed = true;
    for (const w of [...waiting]) {
      clearTimeout(w.timer);
      waiting.delete(w);
      w.fail();
    }
    options.onState({ status: 'signedOut', reason });
  }

  function scheduleReconnect(): void {
    if (closed) return;
    attempt += 1;
    const delay = reconnectDelay(attempt);
    options.onState({ status: 'lost', attempt, retryAt: now() + delay });
    reconnectTimer = setTimeout(connect, delay);
  }

  function connect(): void {
    if (closed || socket || !credential) return;
    if (reconnectTimer) clearTimeout(reconnectTimer);
    reconnectTimer = null;
    const ws = createSocket(options.url, [WS_PROTOCOL, `${SESSION_PROTOCOL_PREFIX}${credential}`]);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      isOpen = true;
      attempt = 0;
      options.onState({ status: 'open' });
      for (const w of [...waiting]) {
        clearTimeout(w.timer);
        waiting.delete(w);
        w.send();
      }
    };
    ws.onmessage = (ev: MessageEvent) => {
      const msg = parseServerMessage(ev.data);
      if (!msg) return;
      if (msg.type === 'result') {
        const p = pending.get(msg.id);
        if (!p) return;
        pending.delete(msg.id);
        clearTimeout(p.timer);
        p.resolve(msg.result);
      } else {
        for (const listener of [...(listeners.get(msg.event) ?? [])]) listener(msg.payload);
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      isOpen = false;
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        pending.delete(id);
        p.resolve(failure('DISCONNECTED', 'The connection to Fleet Control was lost before it answered. Try again once it is back.'));
      }
      if (closed) return;
      // A handshake that never opened was refused or found nobody: ask which, before waiting to retry.
      if (!opened && options.checkSession) {
        void options.checkSession(credential).then((answer) => (answer === 'ended' ? signOut('ended') : scheduleReconnect()));
        return;
      }
      scheduleReconnect();
    };
    // Errors are always followed by close, which does the bookkeeping.
    ws.onerror = () => undefined;
  }

  function send(method: string, input: unknown): Promise<Envelope<unknown>> {
    return new Promise((resolve) => {
      const ws = socket;
      if (!ws || !isOpen || ws.readyState !== WS_OPEN) {
        resolve(failure('DISCONNECTED', 'Fleet Control is not reachable right now.'));
        return;
      }
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(failure('TIMEOUT', `Fleet Control did not answer within ${Math.round(callTimeoutMs / 1000)} seconds.`));
      }, callTimeoutMs);
      pending.set(id, { resolve, timer });
      const call: WireCall = { type: 'call', id, method, input };
      ws.send(JSON.stringify(call));
    });
  }

  if (credential) {
    options.onState({ status: 'connecting' });
    connect();
  } else {
    signOut('missing');
  }

  return {
    call(method, input) {
      // A socket the server is closing (its close event not delivered yet) takes no call: it is held like one made
      // while disconnected, instead of the browser refusing the send with a console error.
      if (isOpen && socket?.readyState === WS_OPEN) return send(method, input);
      if (closed) return Promise.resolve(failure('DISCONNECTED', SIGNED_OUT_TEXT));
      return new Promise((resolve) => {
        const w: Waiting = {
          send: () => void send(method, input).then(resolve),
          fail: () => resolve(failure('DISCONNECTED', SIGNED_OUT_TEXT)),
          timer: setTimeout(() => {
            waiting.delete(w);
            resolve(
              failure(
                'DISCONNECTED',
                `Fleet Control has not been reachable for ${Math.round(waitMs / 1000)} seconds, so this was not sent. It will be possible again once the connection is back.`,
              ),
            );
          }, waitMs),
        };
        waiting.add(w);
      });
    },
    on(event: EventName, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as Listener;
      set.add(l);
      return () => void set.delete(l);
    },
    retryNow() {
      if (!socket && !closed) connect();
    },
    close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      socket?.close();
    },
  };
}
