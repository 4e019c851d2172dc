// The CI part of the contract (method -> zod input schema + output type); contract.ts spreads it in.
// The CI status of every fleet branch, read in main from GitHub or Azure DevOps with the remote's token and
// polled there; the renderer reads snapshots, asks for a refresh, and says when someone is looking.

import { z } from 'zod';
import { Empty, out } from './contract-kit';
import { RemoteNameSchema } from './contract-remotes';
import type { CiSnapshot } from './types-ci';

export const ciMethods = {
  /** The last CI snapshot (status as the host answered, error, pace); starts polling if it had not started. */
  getCiStatus: { input: Empty, output: out<CiSnapshot>() },
  /** Reads the host now (on `remote` from now on when given; default the push remote) and returns the new snapshot. */
  refreshCiStatus: { input: z.object({ remote: RemoteNameSchema.optional() }).strict(), output: out<CiSnapshot>() },
  /** Someone is looking (a visible window or tab): polling keeps its visible pace for a while. */
  ciHeartbeat: { input: Empty, output: out<CiSnapshot>() },
} as const;

export const ciEvents = {
  /** After every read (good or failed): the whole snapshot. */
  ciStatusChanged: out<CiSnapshot>(),
} as const;
