// The command line's background helper (`fleet-control daemon`, started by `push` itself): a Node process that keeps
// the push's code loaded and compiled, so a push is not paid for with Node's start and a cold V8 again each time.
// It listens on its private socket (address.ts), runs each accepted push as the command would in its own process, and
// sends back what it printed. It holds no secret in its environment (each request brings its tokens, which are used
// for that push and registered with the redactor), serves only requests with its key and its environment, and exits
// after a while without requests (FLEET_CONTROL_DAEMON_IDLE_MS, 10 minutes by default) or on SIGTERM/SIGINT.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { renameSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { FleetError, toErrorPayload } from '../../shared/errors';
import { logLine } from '../cli-io';
import { askRemotesEarly, type EarlyRemotes } from '../cli-early';
import { redact } from '../core/secrets/redactor';
import { daemonAddress, type DaemonAddress } from './address';
import { OpenWorkspaces } from './open-workspaces';
import { lineReader, type HelperMessage } from './protocol';

const DEFAULT_IDLE_MS = 10 * 60_000;

const requestSchema = z.strictObject({
  type: z.literal('request'),
  version: z.literal(1),
  key: z.string().regex(/^[0-9a-f]{64}$/),
  environment: z.string().max(1024 * 1024),
  command: z.literal('push'),
  repo: z.string().min(1).refine(isAbsolute, 'must be an absolute path'),
  remotes: z.array(z.string().min(1)).optional(),
  json: z.boolean(),
  secrets: z.record(z.string(), z.string()),
});
const cancelSchema = z.strictObject({ type: z.literal('cancel') });
const stopSchema = z.strictObject({ type: z.literal('stop'), version: z.literal(1), key: z.string().regex(/^[0-9a-f]{64}$/) });

function idleMs(): number {
  const value = Number(process.env.FLEET_CONTROL_DAEMON_IDLE_MS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_IDLE_MS;
}

/** True when something answers on `socket` (another helper is serving it). */
function answers(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(socket);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

function listenOn(server: Server, socket: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Listens on the address; false when another helper already does. A socket file left by a killed one is replaced. */
async function listen(server: Server, address: DaemonAddress): Promise<boolean> {
  try {
    await listenOn(server, address.socket);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || process.platform === 'win32') return false;
    if (await answers(address.socket)) return false;
    rmSync(address.socket, { force: true });
    await listenOn(server, address.socket);
    return true;
  }
}

/** Serves until idle or stopped; returns when it has closed. Nothing to do when another helper serves this address. */
export async function runDaemon(mainDir: string): Promise<void> {
  const found = daemonAddress(mainDir);
  if (!found) return;
  const address: DaemonAddress = found;
  const key = randomBytes(32).toString('hex');
  // Loaded and compiled before the first request, not during it.
  const { pushCommand } = await import('../cli-remotes');
  const running = new Set<AbortController>();
  const workspaces = new OpenWorkspaces();

  const server = createServer((socket) => serve(socket));
  if (!(await listen(server, address))) return;
  const keyText = `${key}\n${process.pid}\n`;
  const partial = `${address.keyFile}.${process.pid}.partial`;
  writeFileSync(partial, keyText, { mode: 0o600 });
  renameSync(partial, address.keyFile);
  // Run by hand on a terminal (push starts it without one): say where it serves and how it ends.
  if (process.stdout.isTTY) process.stdout.write(`Serving this build's pushes on ${address.socket} (pid ${process.pid}); ends after ${Math.round(idleMs() / 60_000)} idle minutes or on Ctrl+C.\n`);

  let idle: NodeJS.Timeout | undefined;
  const closed = new Promise<void>((resolve) => server.once('close', resolve));
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    clearTimeout(idle);
    for (const controller of running) controller.abort();
    // Only our own key file: a helper that took the address over after us keeps its own.
    try {
      if (readFileSync(address.keyFile, 'utf8') === keyText) rmSync(address.keyFile, { force: true });
    } catch {
      // Already gone.
    }
    server.close();
  };
  const rearm = (): void => {
    clearTimeout(idle);
    if (running.size === 0 && !stopped) idle = setTimeout(stop, idleMs());
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  rearm();

  const sameKey = (given: string): boolean => given.length === key.length && timingSafeEqual(Buffer.from(given), Buffer.from(key));

  function serve(socket: Socket): void {
    clearTimeout(idle);
    socket.setEncoding('utf8');
    const send = (message: HelperMessage): void => {
      if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
    };
    let request: z.infer<typeof requestSchema> | null = null;
    const controller = new AbortController();
    const refuse = (reason: string): void => {
      send({ type: 'declined', text: reason });
      socket.end();
    };
    const onLine = (line: string): void => {
      let message: unknown;
      try {
        message = JSON.parse(line);
      } catch {
        return refuse('the request is not JSON');
      }
      if (!request) {
        const stopping = stopSchema.safeParse(message, { jitless: true });
        if (stopping.success) {
          if (!sameKey(stopping.data.key)) return refuse('the key does not match');
          send({ type: 'exit', ok: true });
          socket.end();
          return stop();
        }
        const parsed = requestSchema.safeParse(message, { jitless: true });
        if (!parsed.success) return refuse(`the request is not one this helper takes (${parsed.error.issues[0]?.path.join('.') || 'message'}: ${parsed.error.issues[0]?.message ?? 'invalid'})`);
        if (!sameKey(parsed.data.key)) return refuse('the key does not match');
        if (parsed.data.environment !== address.environment) return refuse('the environment differs from the helper’s');
        request = parsed.data;
        send({ type: 'accepted', pid: process.pid });
        void push(request);
        return;
      }
      if (!cancelSchema.safeParse(message).success) return refuse('unexpected message');
      controller.abort();
    };
    const read = lineReader(onLine);
    socket.on('data', (chunk: string) => {
      if (!read(chunk)) refuse('the request is too long');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      // The command is gone (killed, or quit on a second Ctrl+C): its push stops as a cancelled one.
      controller.abort();
      rearm();
    });

    async function push(accepted: z.infer<typeof requestSchema>): Promise<void> {
      running.add(controller);
      const print = (line = ''): void => send({ type: 'out', text: `${redact(line)}\n` });
      const log = (message: string, error?: unknown): void => send({ type: 'err', text: `${redact(logLine(message, error))}\n` });
      let early: EarlyRemotes['early'] | undefined;
      try {
        // As the command would in its own process: the refs asked for at once, the tokens registered with the redactor.
        const asked = askRemotesEarly(accepted.repo, accepted.remotes, 'push', { ...process.env, ...accepted.secrets });
        early = asked.early;
        const ok = await pushCommand(accepted.repo, accepted.remotes, asked.services, { json: accepted.json, print, log, signal: controller.signal, openWorkspace: (path) => workspaces.get(path) });
        send({ type: 'exit', ok });
      } catch (error) {
        if (!(error instanceof FleetError)) log('the push failed unexpectedly', error);
        send({ type: 'exit', ok: false, error: redact(toErrorPayload(error)) });
      } finally {
        early?.dispose();
        running.delete(controller);
        socket.end();
      }
    }
  }

  await closed;
  await workspaces.closeAll();
}
