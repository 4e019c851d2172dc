// The automatic retry of branches a push left queued because a remote could not be reached (a cancelled push is
// not retried): they are pushed again by themselves when the browser reports the connection back, and on a timer
// that waits 5 s, then longer (up to a minute) while the remote stays away. Each try is a real push of only those
// branches: it fails at the first request while the server is down. A push the user starts restarts the waits.

import { create } from 'zustand';
import { networkQueued, usePushStore } from './remotesPush';
import { useWorkspaceStore } from './workspace';

const WAITS_MS = [5_000, 10_000, 20_000, 40_000, 60_000];

interface PushRetryStore {
  /** When the next automatic try starts (ms since 1970), or null when none waits. */
  nextAt: number | null;
  /** Automatic tries since the user last pushed; the wait grows with them. */
  tries: number;
  /** The push running now was started by this store. */
  automatic: boolean;
  tryNow: () => void;
  stop: () => void;
}

let timer: ReturnType<typeof setTimeout> | null = null;

function clearTimer(): void {
  if (timer) clearTimeout(timer);
  timer = null;
}

const hasQueued = (): boolean => networkQueued(usePushStore.getState().results).size > 0;

export const usePushRetryStore = create<PushRetryStore>((set, get) => ({
  nextAt: null,
  tries: 0,
  automatic: false,

  tryNow: () => {
    clearTimer();
    set({ nextAt: null });
    if (usePushStore.getState().pushing || !hasQueued()) return;
    set({ automatic: true, tries: get().tries + 1 });
    void usePushStore.getState().retryQueued();
  },

  stop: () => {
    clearTimer();
    set({ nextAt: null, tries: 0, automatic: false });
  },
}));

function scheduleNextTry(): void {
  clearTimer();
  const { tries } = usePushRetryStore.getState();
  const wait = WAITS_MS[Math.min(tries, WAITS_MS.length - 1)]!;
  usePushRetryStore.setState({ nextAt: Date.now() + wait });
  timer = setTimeout(() => usePushRetryStore.getState().tryNow(), wait);
}

usePushStore.subscribe((s, prev) => {
  const retry = usePushRetryStore.getState();
  if (s.pushing && !prev.pushing) {
    clearTimer();
    usePushRetryStore.setState(retry.automatic ? { nextAt: null } : { nextAt: null, tries: 0 });
  } else if (!s.pushing && prev.pushing) {
    usePushRetryStore.setState({ automatic: false });
    if (hasQueued()) scheduleNextTry();
    else retry.stop();
  } else if (s.results !== prev.results && !hasQueued()) {
    // A new push dialog starts from nothing: no old branch is retried behind it.
    retry.stop();
  }
});

// Another workspace's branches are never pushed by a retry meant for this one.
useWorkspaceStore.subscribe((s, prev) => {
  if (s.workspace?.path !== prev.workspace?.path) usePushRetryStore.getState().stop();
});

window.addEventListener('online', () => usePushRetryStore.getState().tryNow());
