// Telling main someone is looking at the board: a beat every `everyMs` while the page is visible, none while it is
// hidden, one at once when it becomes visible again (so an idle poller reads now rather than minutes later).

export interface HeartbeatOptions {
  everyMs: number;
  visible: () => boolean;
  send: () => void;
}

export interface Heartbeat {
  /** Starts beating (a workspace is open); idempotent. */
  start: () => void;
  stop: () => void;
  /** Call on `visibilitychange`. */
  visibilityChanged: () => void;
}

/** A heartbeat that only beats while `visible()` says so. */
export function createHeartbeat({ everyMs, visible, send }: HeartbeatOptions): Heartbeat {
  let timer: ReturnType<typeof setInterval> | null = null;
  const beat = () => {
    if (visible()) send();
  };
  return {
    start: () => {
      if (timer) return;
      timer = setInterval(beat, everyMs);
      beat();
    },
    stop: () => {
      if (timer) clearInterval(timer);
      timer = null;
    },
    visibilityChanged: () => {
      if (timer) beat();
    },
  };
}
