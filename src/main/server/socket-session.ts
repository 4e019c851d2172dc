// One authenticated WebSocket: reads wire calls, answers each through the dispatcher, in the shared envelope.

import type { RawData, WebSocket } from 'ws';
import type { ContractDispatcher } from '../api';
import type { WireCall, WireResult, WireServerMessage } from '../../shared/wire';

/** Sends a server message if the socket is still open; a closed socket simply misses it. */
export function sendWire(socket: WebSocket, message: WireServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

/** Parses one text frame into a call, or says why it is not one (with the id, if it had one). */
export function parseWireCall(text: string): { call: WireCall } | { problem: string; id: number | null } {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { problem: 'The message is not JSON.', id: null };
  }
  if (typeof message !== 'object' || message === null) return { problem: 'The message is not an object.', id: null };
  const m = message as Record<string, unknown>;
  const id = typeof m.id === 'number' && Number.isSafeInteger(m.id) ? m.id : null;
  if (id === null) return { problem: 'The message has no numeric id.', id: null };
  if (m.type !== 'call' || typeof m.method !== 'string') return { problem: 'The message is not a call with a method name.', id };
  return { call: { type: 'call', id, method: m.method, input: m.input } };
}

/**
 * Wires a socket to the dispatcher: every call gets exactly one result; malformed frames close the socket.
 * Malformed input is logged once per connection, so a client sending garbage in a loop cannot flood the log.
 */
export function attachSocketSession(socket: WebSocket, dispatcher: ContractDispatcher, log: (message: string, error?: unknown) => void): void {
  let logged = false;
  const logOnce = (message: string, error?: unknown): void => {
    if (logged) return;
    logged = true;
    log(`${message} (further problems on this connection are not logged)`, error);
  };
  // ws reports a broken frame (bad UTF-8, a frame over the size limit, a bad opcode) as an error, then closes.
  socket.on('error', (error) => logOnce('browser host: a socket sent a broken frame', error));
  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) {
      logOnce('browser host: closing a socket that sent a binary frame');
      socket.close(1003, 'Fleet Control speaks JSON text frames only.');
      return;
    }
    const parsed = parseWireCall(rawToText(data));
    if ('problem' in parsed) {
      logOnce(`browser host: a socket sent a malformed message (${parsed.problem})`);
      if (parsed.id !== null) {
        const reply: WireResult = { type: 'result', id: parsed.id, result: { ok: false, error: { code: 'INVALID_INPUT', message: parsed.problem } } };
        sendWire(socket, reply);
        return;
      }
      socket.close(1007, parsed.problem);
      return;
    }
    const { id, method, input } = parsed.call;
    void dispatcher.call(method, input).then((result) => sendWire(socket, { type: 'result', id, result }));
  });
}

function rawToText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
