// The Electron transport: the preload's window.fleetBridge, one function per contract method.

import type { FleetBridge } from '../../../preload/bridge';
import type { Envelope } from '../../../shared/names';
import type { Transport } from './types';

export function createBridgeTransport(bridge: FleetBridge): Transport {
  return {
    call(method, input) {
      const fn = (bridge as unknown as Record<string, ((input: unknown) => Promise<Envelope<unknown>>) | undefined>)[method];
      if (typeof fn !== 'function') {
        return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `There is no operation called "${method}".` } });
      }
      return fn(input);
    },
    on(event, listener) {
      return bridge.on(event, listener);
    },
  };
}
