// Messages on the browser host's WebSocket (/ws). JSON, one message per frame.

import type { Envelope } from './names';

/** Client -> server: call a contract method. */
export interface WireCall {
  type: 'call';
  id: number;
  method: string;
  input: unknown;
}

/** Server -> client: the answer to one call, in the same envelope Electron IPC uses. */
export interface WireResult {
  type: 'result';
  id: number;
  result: Envelope<unknown>;
}

/** Server -> client: a contract event. */
export interface WireEvent {
  type: 'event';
  event: string;
  payload: unknown;
}

export type WireServerMessage = WireResult | WireEvent;

export const WS_PATH = '/ws';
export const SESSION_COOKIE = 'fleet_session';
/** Two sides of a 5 MB document, JSON-escaped, fit with room to spare. */
export const MAX_WIRE_MESSAGE_BYTES = 48 * 1024 * 1024;
