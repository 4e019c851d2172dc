// The contract's CI methods over the poller, and the service other parts of main use: `holdFollowing` for deploys
// and repairs that follow a run, `pushed()` after a push so the board's CI is read again at once.

import type { FleetHandlers } from '../../../shared/contract';
import type { ciMethods } from '../../../shared/contract-ci';
import type { CiSnapshot, CiStatus } from '../../../shared/types-ci';
import type { SecretStore } from '../remotes/secret-store';
import type { Workspace } from '../workspace/workspace';
import { CiPoller, type FollowingHold } from './ci-poller';
import type { Paces } from './poll-pace';

export interface CiHandlerContext {
  currentWorkspace(): Workspace | null;
  secrets: SecretStore;
  /** Tokens (FLEET_GIT_TOKEN...) and the GitHub host settings (FLEET_GITHUB_HOSTS, FLEET_GITHUB_API_URL). */
  env: NodeJS.ProcessEnv;
  version: string;
  emit: (snapshot: CiSnapshot) => void;
  /** Each status the host answered (automatic CI repair). */
  onStatus?: (status: CiStatus) => void;
  log?: (message: string, error?: unknown) => void;
  fetch?: typeof fetch;
  paces?: Partial<Paces>;
}

/** What the rest of main uses of the CI poller. */
export interface CiService {
  /** Keeps polling at the visible pace while a deploy or repair is followed; release when it ends. */
  holdFollowing(reason: string): FollowingHold;
  /** A push finished: read CI now (if polling has started). */
  pushed(): void;
  /** Another workspace opened: forget the last status. */
  workspaceChanged(): void;
  /** The last snapshot, without starting anything. */
  snapshot(): CiSnapshot;
  dispose(): void;
}

type CiHandlers = Pick<FleetHandlers, keyof typeof ciMethods>;

/** The CI poller behind the contract's CI methods, and the service for deploys, repairs and pushes. */
export function createCiHandlers(context: CiHandlerContext): { handlers: CiHandlers; service: CiService } {
  const poller = new CiPoller({
    services: { secrets: context.secrets, env: context.env, userAgent: `fleet-control/${context.version}`, fetch: context.fetch },
    workspace: context.currentWorkspace,
    emit: context.emit,
    onStatus: context.onStatus,
    log: context.log,
    paces: context.paces,
  });
  let started = false;
  const start = () => {
    if (started || !context.currentWorkspace()) return;
    started = true;
    poller.start();
  };
  return {
    handlers: {
      getCiStatus: async () => {
        start();
        return poller.snapshot();
      },
      refreshCiStatus: async ({ remote }) => {
        start();
        return poller.refreshNow(remote);
      },
      ciHeartbeat: async () => {
        start();
        return poller.heartbeat();
      },
    },
    service: {
      holdFollowing: (reason) => {
        start();
        return poller.holdFollowing(reason);
      },
      pushed: () => {
        if (started) void poller.refreshNow();
      },
      workspaceChanged: () => poller.reset(),
      snapshot: () => poller.snapshot(),
      dispose: () => poller.stop(),
    },
  };
}
