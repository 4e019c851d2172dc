// Holds on the CI poller's visible pace taken by deploys and repair runs before anything polls CI: they are kept
// here and applied once the CI service exists, so following a run never starts polling by itself (the CLI's
// `deploy` reads no CI) but a board opened meanwhile polls at the visible pace until the run ends.

import type { FollowingHold } from './ci-poller';

interface Holder {
  holdFollowing(reason: string): FollowingHold;
}

export interface FollowingHolds {
  /** Keeps the poller at its visible pace while `reason` is followed (now, or once the CI service is built). */
  hold(reason: string): FollowingHold;
  /** The CI service was built: every live hold applies to it from now on. */
  attach(service: Holder): void;
}

/** Pending and applied holds of one app. */
export function followingHolds(): FollowingHolds {
  let service: Holder | null = null;
  const live = new Map<number, { reason: string; applied: FollowingHold | null }>();
  let ids = 0;
  return {
    hold(reason) {
      const id = ++ids;
      live.set(id, { reason, applied: service?.holdFollowing(reason) ?? null });
      return {
        release: () => {
          live.get(id)?.applied?.release();
          live.delete(id);
        },
      };
    },
    attach(next) {
      service = next;
      for (const entry of live.values()) entry.applied ??= next.holdFollowing(entry.reason);
    },
  };
}
