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
/** The subprotocol a page asks for and the server answers with. */
export const WS_PROTOCOL = 'fleet-control.v1';
/** The page's session credential rides as a second subprotocol value, `fleet-session.<credential>`, never in a cookie. */
export const SESSION_PROTOCOL_PREFIX = 'fleet-session.';
/** The <meta name> through which a freshly traded link hands the page its session credential. */
export const SESSION_META = 'fleet-session';
/** Where a page whose socket was refused asks (with SESSION_HEADER) whether its session is still live. */
export const SESSION_CHECK_PATH = '/session';
export const SESSION_HEADER = 'x-fleet-session';

/** The session credential among a Sec-WebSocket-Protocol header's comma-separated values, if one is there. */
export function sessionFromProtocols(header: string | undefined): string | undefined {
  for (const value of (header ?? '').split(',')) {
    const protocol = value.trim();
    if (protocol.startsWith(SESSION_PROTOCOL_PREFIX)) return protocol.slice(SESSION_PROTOCOL_PREFIX.length);
  }
  return undefined;
}
/** Two sides of a 5 MB document, JSON-escaped, fit with room to spare. */
export const MAX_WIRE_MESSAGE_BYTES = 48 * 1024 * 1024;
