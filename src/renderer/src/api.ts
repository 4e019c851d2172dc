// The renderer's only door to main: one `api` object of type FleetApi. Under Electron it wraps the
// preload's window.fleetBridge; in a browser it speaks the wire protocol over a WebSocket. Both unwrap
// the result envelope: a value, or a thrown ApiError with the code, message and data main sent.

import type { FleetApi } from '../../shared/contract';
import { METHOD_NAMES, type Envelope } from '../../shared/names';
import { WS_PATH } from '../../shared/wire';
import { createBridgeTransport } from './transport/bridge';
import { createSocketTransport } from './transport/socket';
import type { Transport } from './transport/types';
import { reportConnectionState, useConnectionStore } from './stores/connection';

/** A failed call: `code` is one of the contract's error codes, or DISCONNECTED / TIMEOUT from the transport. */
export class ApiError extends Error {
  readonly code: string;
  readonly data?: Record<string, unknown>;

  constructor(code: string, message: string, data?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.data = data;
  }
}

export function unwrap<T>(result: Envelope<T>): T {
  if (result && result.ok === true) return result.value;
  const error = result && result.ok === false ? result.error : { code: 'INTERNAL', message: 'Fleet Control sent an answer the window does not understand.' };
  throw new ApiError(error.code, error.message, error.data);
}

/** Builds a FleetApi over any transport. */
export function createApi(transport: Transport): FleetApi {
  const methods: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const name of METHOD_NAMES) {
    methods[name] = async (input?: unknown) => unwrap(await transport.call(name, input ?? {}));
  }
  return { ...methods, on: transport.on.bind(transport) } as unknown as FleetApi;
}

function socketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${WS_PATH}`;
}

function createTransport(): Transport {
  if (window.fleetBridge) return createBridgeTransport(window.fleetBridge);
  const socket = createSocketTransport({ url: socketUrl(), onState: reportConnectionState });
  useConnectionStore.setState({ retryNow: socket.retryNow });
  window.addEventListener('online', socket.retryNow);
  return socket;
}

export const api: FleetApi = createApi(createTransport());

/** A message fit for the user from anything a call threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}
