// What the preload exposes as window.fleetBridge: one function per contract method, returning the
// result envelope (Electron keeps only the message of a thrown error), and `on` returning an unsubscribe.

import type { EventName, EventPayload, MethodName, MethodOutput } from '../shared/contract';
import type { Envelope } from '../shared/names';

export type FleetBridge = {
  [M in MethodName]: (input: unknown) => Promise<Envelope<MethodOutput<M>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

declare global {
  interface Window {
    fleetBridge?: FleetBridge;
  }
}
