// Test fixtures for the browser host: a built-renderer folder, the real core, raw HTTP requests (so `..`
// reaches the server unnormalised) and WebSocket clients.

import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { createFleetApp, type FleetApp } from '../../../src/main/core/app';
import type { WireServerMessage } from '../../../src/shared/wire';
import { makeTempDir } from '../../helpers/git';

export const INDEX_HTML = '<!doctype html><title>Fleet Control</title><div id="root"></div><script type="module" src="./assets/app.js"></script>\n';
export const SECRET = 'outside-the-renderer-folder';

/** A renderer folder as the build leaves it, next to a file the server must never serve. */
export function makeRendererDir(): string {
  const parent = makeTempDir('fleet-host-');
  const dir = join(parent, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), INDEX_HTML);
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("board");\n');
  writeFileSync(join(dir, 'assets', 'app.css'), 'body{}\n');
  writeFileSync(join(parent, 'package.json'), `{"secret":"${SECRET}"}\n`);
  writeFileSync(join(parent, 'secret.txt'), SECRET);
  return dir;
}

const cores: FleetApp[] = [];

/** The real application core on its own temp app-data folder (no repository watcher); see disposeCores. */
export function makeCore(): FleetApp {
  const core = createFleetApp({ appDataDir: makeTempDir('fleet-host-appdata-'), transport: 'browser', version: '0.0.0-test', log: () => undefined, watch: false });
  cores.push(core);
  return core;
}

export async function disposeCores(): Promise<void> {
  for (const core of cores.splice(0)) await core.dispose();
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends a request exactly as given (path not normalised, headers chosen by the test). */
export function rawGet(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, agent: false, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The headers of the last refused upgrade connectSocket saw (to check refusals carry the security headers). */
export let lastRefusalHeaders: Record<string, string | string[] | undefined> = {};

/** Loads the page from a printed link, as a browser tab does; resolves with the session credential the page was given. */
export async function signIn(link: string): Promise<string> {
  const url = new URL(link);
  const res = await rawGet(Number(url.port), `${url.pathname}${url.search}`);
  const credential = /<meta name="fleet-session" content="([\w-]+)"/.exec(res.body)?.[1];
  if (res.status !== 200 || !credential) throw new Error(`the link did not sign in: ${res.status} ${res.body.slice(0, 200)}`);
  return credential;
}

/** The subprotocols a page offers: the app's, then its session credential. */
export function sessionProtocols(credential: string): string[] {
  return ['fleet-control.v1', `fleet-session.${credential}`];
}

/** Opens a WebSocket with the given headers and subprotocols; resolves with the socket, or the HTTP status that refused it. */
export function connectSocket(url: string, headers: Record<string, string>, protocols: string[] = []): Promise<{ socket: WebSocket } | { refusedWith: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols, { headers });
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_req, res) => {
      lastRefusalHeaders = res.headers;
      resolve({ refusedWith: res.statusCode ?? 0 });
      res.resume();
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

/** Collects server messages on a socket, and lets a test wait for the first that matches. */
export function messagesOf(socket: WebSocket): (match: (message: WireServerMessage) => boolean, timeoutMs?: number) => Promise<WireServerMessage> {
  const seen: WireServerMessage[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    seen.push(JSON.parse(String(data)) as WireServerMessage);
    for (const wake of [...waiters]) wake();
  });
  return (match, timeoutMs = 5000) =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = seen.find(match);
        if (!found) return false;
        clearTimeout(timer);
        waiters.delete(wake);
        resolve(found);
        return true;
      };
      const wake = (): void => void check();
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(new Error(`no matching message within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) waiters.add(wake);
    });
}
