// The browser host: serves the built renderer over HTTP and the contract over a WebSocket, for a browser on
// this machine (or through an SSH tunnel). Guarded by single-use links traded for per-tab sessions (sessions.ts),
// the Host header and the Origin. Static files hold no data and are served to anyone who passes the Host check.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { createDispatcher } from '../api';
import type { FleetApp } from '../core/app';
import { MAX_WIRE_MESSAGE_BYTES, SESSION_CHECK_PATH, SESSION_HEADER, WS_PATH, WS_PROTOCOL, sessionFromProtocols } from '../../shared/wire';
import { BrowserSessions } from './sessions';
import { replyLinkUnknown, replyLinkUsed, serveSessionIndex } from './session-pages';
import { allowedHostHeaders, hostWithPort, isAllowedHost, isLoopbackAddress, isOwnOrigin } from './host-guard';
import { refuseUpgrade, replyText } from './http-replies';
import { isPageRequest, serveStatic } from './static-files';
import { attachSocketSession, sendWire } from './socket-session';

export interface BrowserHostOptions {
  app: Pick<FleetApp, 'handlers' | 'onEvent'>;
  /** The address to bind; loopback unless told otherwise. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built renderer (out/renderer), holding index.html. */
  rendererDir: string;
  log?: (message: string, error?: unknown) => void;
  /** Where the one-line warning about a non-loopback address goes (stderr by default). */
  warn?: (line: string) => void;
}

export interface BrowserHost {
  /** The address to open, carrying a single-use link token. */
  url: string;
  host: string;
  port: number;
  /** Another single-use link to this server (for another browser or tab). */
  newLink(): string;
  /** Disconnects everyone, ends every session and link, and stops listening. */
  close(): Promise<void>;
}

const HEARTBEAT_MS = 30_000;
const CLOSE_GRACE_MS = 500;
const UNAUTHORISED_TEXT = 'This connection has no live Fleet Control session: open a link the server printed (each opens one tab, once).';

function splitUrl(url: string | undefined): { rawPath: string; query: URLSearchParams } {
  const value = url ?? '/';
  const q = value.indexOf('?');
  return q < 0 ? { rawPath: value, query: new URLSearchParams() } : { rawPath: value.slice(0, q), query: new URLSearchParams(value.slice(q + 1)) };
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EADDRINUSE') reject(new Error(`Port ${port} on ${host} is already in use; pick another with --port, or 0 for any free port.`));
      else if (error.code === 'EADDRNOTAVAIL') reject(new Error(`${host} is not an address of this machine.`));
      else reject(error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Resolves when every socket has closed, or after `ms`, whichever comes first. */
function closedWithin(open: WebSocket[], ms: number): Promise<void> {
  if (open.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    let remaining = open.length;
    for (const ws of open) {
      ws.once('close', () => {
        if (--remaining === 0) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
  });
}

/** Starts the browser host and resolves once it listens; `close()` disconnects everyone and stops it. */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (no index.html in ${options.rendererDir}); run \`npm run build\` first.`);
  }
  const rootDir = await realpath(options.rendererDir);
  const sessions = new BrowserSessions();
  const dispatcher = createDispatcher(options.app.handlers, log);
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_WIRE_MESSAGE_BYTES,
    perMessageDeflate: false,
    handleProtocols: (offered) => (offered.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const alive = new WeakSet<WebSocket>();
  let allowedHosts = new Set<string>();

  async function onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isAllowedHost(request.headers.host, allowedHosts)) return replyText(response, 421, 'This server does not answer to that host name.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return replyText(response, 405, 'Only GET and HEAD are served.', { Allow: 'GET, HEAD' });
    const { rawPath, query } = splitUrl(request.url);
    if (rawPath === WS_PATH) return replyText(response, 426, 'This address is for WebSocket connections.', { Upgrade: 'websocket' });
    if (rawPath === SESSION_CHECK_PATH) {
      // A page whose socket was refused asks whether its session is still live (or the server restarted).
      const live = sessions.isLive(headerValue(request.headers[SESSION_HEADER]));
      return live ? replyText(response, 200, 'This session is live.') : replyText(response, 401, UNAUTHORISED_TEXT);
    }
    const token = query.get('token');
    // A HEAD (a link checker, a preview) never spends the link; only a page load does.
    if (token !== null && request.method === 'GET' && isPageRequest(rawPath)) {
      const trade = sessions.trade(token);
      if (trade.kind === 'used') return replyLinkUsed(response);
      if (trade.kind === 'unknown') return replyLinkUnknown(response);
      return serveSessionIndex(response, rootDir, trade.credential);
    }
    await serveStatic(request, response, rootDir, rawPath);
  }

  function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const { rawPath } = splitUrl(request.url);
    if (!isAllowedHost(request.headers.host, allowedHosts)) return refuseUpgrade(socket, 421, 'This server does not answer to that host name.');
    if (rawPath !== WS_PATH) return refuseUpgrade(socket, 404, 'Not found.');
    if (!isOwnOrigin(request.headers.origin, request.headers.host)) return refuseUpgrade(socket, 403, 'Connections are accepted only from pages this server served.');
    // The page presents its session as a second Sec-WebSocket-Protocol value; the answer names only WS_PROTOCOL.
    if (!sessions.isLive(sessionFromProtocols(headerValue(request.headers['sec-websocket-protocol'])))) return refuseUpgrade(socket, 401, UNAUTHORISED_TEXT);
    sockets.handleUpgrade(request, socket, head, (ws) => {
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      attachSocketSession(ws, dispatcher, log);
    });
  }

  const server = createServer((request, response) => {
    onRequest(request, response).catch((error: unknown) => {
      log('browser host: request failed', error);
      if (!response.headersSent) replyText(response, 500, 'Fleet Control could not answer this request.');
      else response.destroy();
    });
  });
  server.on('upgrade', onUpgrade);
  server.on('clientError', (_error, socket) => socket.destroy());

  const port = await listen(server, options.port ?? 0, host);
  allowedHosts = allowedHostHeaders(host, port);
  if (!isLoopbackAddress(host)) {
    warn(`warning: Fleet Control is listening on ${host}, reachable from other machines; anyone holding the link can use it. Prefer 127.0.0.1 and an SSH tunnel.`);
  }

  const stopEvents = options.app.onEvent((event, payload) => {
    for (const ws of sockets.clients) sendWire(ws, { type: 'event', event, payload });
  });
  const heartbeat = setInterval(() => {
    for (const ws of sockets.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  let closing: Promise<void> | null = null;
  async function close(): Promise<void> {
    sessions.endAll();
    clearInterval(heartbeat);
    stopEvents();
    for (const ws of sockets.clients) ws.close(1001, 'Fleet Control is shutting down.');
    const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closedWithin([...sockets.clients], CLOSE_GRACE_MS);
    for (const ws of sockets.clients) ws.terminate();
    await new Promise<void>((resolve) => sockets.close(() => resolve()));
    await serverClosed;
  }

  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const newLink = (): string => `http://${hostWithPort(urlHost, port)}/?token=${sessions.mintLinkToken()}`;
  return {
    url: newLink(),
    host,
    port,
    newLink,
    close: () => (closing ??= close()),
  };
}
