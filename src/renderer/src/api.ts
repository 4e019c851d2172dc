// The renderer's only door to main: one `api` object of type FleetApi. Under Electron it wraps the
// preload's window.fleetBridge; in a browser it speaks the wire protocol over a WebSocket. Either way a
// call returns the value or throws an ApiError with the code, message and data main sent.

import type { FleetApi } from '../../shared/contract';
import { WS_PATH } from '../../shared/wire';
import { createApi } from './lib/apiClient';
import { createBridgeTransport } from './transport/bridge';
import { checkSession, takeSessionCredential } from './transport/session';
import { createSocketTransport } from './transport/socket';
import type { Transport } from './transport/types';
import { reportConnectionState, useConnectionStore } from './stores/connection';

export { ApiError, asApiError } from './lib/apiClient';

function socketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${WS_PATH}`;
}

function createTransport(): Transport {
  if (window.fleetBridge) return createBridgeTransport(window.fleetBridge);
  const credential = takeSessionCredential({ document, storage: sessionStorage, location, history });
  const socket = createSocketTransport({ url: socketUrl(), credential, onState: reportConnectionState, checkSession: (c) => checkSession(c) });
  useConnectionStore.setState({ retryNow: socket.retryNow });
  window.addEventListener('online', socket.retryNow);
  return socket;
}

export const api: FleetApi = createApi(createTransport());
