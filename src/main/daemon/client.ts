// The command's side of the background helper (server.ts): hands a push to a helper that answers for this build,
// user and environment, writes out what it sends back, and forwards Ctrl+C. When none answers, the command runs the
// push itself and then starts one for the next command (start.ts). Kept small: the quick way in (push-client.ts) loads
// this and little else.

import { connect } from 'node:net';
import type { FleetErrorPayload } from '../../shared/errors';
import { secretVariables } from '../../shared/secret-names';
import { interruptCancels } from '../cli-exit';
import { readKeyFile, type DaemonAddress } from './address';
import { lineReader, type CommandMessage, type PushRequest } from './protocol';

/** After this long without an answer, the command says what it waits for (a helper busy or stopped). */
const QUIET_NOTICE_MS = 10_000;

export type PushOrder = Pick<PushRequest, 'repo' | 'remotes' | 'json'>;

/**
 * Where the helper's output goes: its text is redacted by the helper already (it holds the request's secrets). A
 * failure of the push is thrown as a plain Error with the helper's message (FleetError lives with the git core, which a
 * push the helper takes never loads here); the command prints it as `error: <message>` with exit 1.
 */
export interface HelperOutput {
  out(text: string): void;
  err(text: string): void;
  /** Say why a helper did not take the push (FLEET_DEBUG=1). */
  debug: boolean;
}

/** Not served: no helper answered (start one afterwards), or one declined the push (leave it). */
export type NotServed = 'none' | 'declined';

function isErrorPayload(value: unknown): value is FleetErrorPayload {
  const error = value as FleetErrorPayload | undefined;
  return typeof error === 'object' && error !== null && typeof error.code === 'string' && typeof error.message === 'string';
}

/**
 * Hands the push to the helper at `address`: resolves with the push's success once the helper has run it, or with why
 * it did not (then nothing was pushed). Throws the push's error as the command would.
 */
export function pushThroughDaemon(address: DaemonAddress, order: PushOrder, output: HelperOutput): Promise<boolean | NotServed> {
  const held = readKeyFile(address);
  if (!held) return Promise.resolve('none');
  const env = process.env;
  const request: PushRequest = { type: 'request', version: 1, key: held.key, environment: address.environment, command: 'push', ...order, secrets: secretVariables(env) };

  return new Promise((resolve, reject) => {
    const socket = connect(address.socket);
    socket.setEncoding('utf8');
    let state: 'asking' | 'running' | 'done' = 'asking';
    let release = (): void => undefined;
    const send = (message: CommandMessage): void => void socket.write(`${JSON.stringify(message)}\n`);
    const finish = (outcome: () => void): void => {
      if (state === 'done') return;
      state = 'done';
      clearTimeout(waiting);
      release();
      socket.destroy();
      outcome();
    };
    const waiting = setTimeout(() => output.err(`Waiting for the background helper (pid ${held.pid}) to take the push… Ctrl+C to stop waiting; FLEET_CONTROL_DAEMON=0 pushes in this process.\n`), QUIET_NOTICE_MS);

    const onLine = (line: string): void => {
      let message: { type?: unknown; text?: unknown; ok?: unknown; error?: unknown };
      try {
        message = JSON.parse(line) as typeof message;
      } catch {
        message = {};
      }
      if (state === 'asking') {
        if (message.type !== 'accepted') {
          if (output.debug) output.err(`The background helper did not take the push: ${typeof message.text === 'string' ? message.text : 'no reason given'}; pushing in this process.\n`);
          return finish(() => resolve('declined'));
        }
        state = 'running';
        clearTimeout(waiting);
        release = interruptCancels('push', () => send({ type: 'cancel' }), (line) => output.err(`${line}\n`));
        if (output.debug) output.err(`The background helper (pid ${held.pid}) runs this push.\n`);
        return;
      }
      if ((message.type === 'out' || message.type === 'err') && typeof message.text === 'string') {
        if (message.type === 'out') output.out(message.text);
        else output.err(message.text);
      } else if (message.type === 'exit' && typeof message.ok === 'boolean') {
        const { ok, error } = message;
        finish(() => (isErrorPayload(error) ? reject(new Error(error.message)) : resolve(ok)));
      } else {
        finish(() => reject(new Error('The background helper sent something unexpected; the push may be incomplete. Run it again with FLEET_CONTROL_DAEMON=0 to push in this process.')));
      }
    };
    const read = lineReader(onLine);
    // Written now, sent as soon as the connection is made.
    send(request);
    socket.on('data', (chunk: string) => {
      if (!read(chunk)) finish(() => reject(new Error('The background helper sent a line too long to take.')));
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (state === 'asking') finish(() => resolve('none'));
      else finish(() => reject(new Error('The background helper stopped before the push ended: the remote has what it received until then. Run the push again (FLEET_CONTROL_DAEMON=0 pushes in this process).')));
    });
  });
}

/** Asks the helper at `address` to end; its pid once it has answered, or null when none answers there. */
export function stopDaemon(address: DaemonAddress): Promise<number | null> {
  const held = readKeyFile(address);
  if (!held) return Promise.resolve(null);
  return new Promise((resolve) => {
    const socket = connect(address.socket);
    let answered = false;
    socket.setEncoding('utf8');
    socket.write(`${JSON.stringify({ type: 'stop', version: 1, key: held.key } satisfies CommandMessage)}\n`);
    socket.on('data', (chunk: string) => (answered ||= chunk.includes('"exit"')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answered ? held.pid : null));
  });
}
