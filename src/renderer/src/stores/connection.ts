// The state of the link to main: drives the "connection lost, reconnecting" banner.

import { create } from 'zustand';
import type { ConnectionState } from '../transport/types';

interface ConnectionStore {
  state: ConnectionState;
  /** Set once the link has been lost at least once, so stores know to reload after it returns. */
  reconnects: number;
  retryNow: () => void;
}

export const useConnectionStore = create<ConnectionStore>(() => ({
  state: { status: 'open' },
  reconnects: 0,
  retryNow: () => undefined,
}));

/** Called by the transport whenever the link changes state. */
export function reportConnectionState(next: ConnectionState): void {
  const prev = useConnectionStore.getState().state;
  const cameBack = next.status === 'open' && prev.status === 'lost';
  useConnectionStore.setState((s) => ({ state: next, reconnects: s.reconnects + (cameBack ? 1 : 0) }));
}
