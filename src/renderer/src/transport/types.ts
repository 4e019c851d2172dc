// What a transport gives the api: one call with an envelope answer, and event subscriptions.

import type { EventName, EventPayload } from '../../../shared/contract';
import type { Envelope } from '../../../shared/names';

export interface Transport {
  call(method: string, input: unknown): Promise<Envelope<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The state of the link to main, as the renderer shows it. Electron's IPC is always 'open'. */
export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'open' }
  | { status: 'lost'; attempt: number; retryAt: number }
  /** The tab has no session: it was not opened from a link ('missing'), or the server restarted since ('ended'). */
  | { status: 'signedOut'; reason: 'missing' | 'ended' };
