// The contract's remote batch methods over the remote batch service (built on first use by app.ts).

import type { FleetHandlers } from '../../../../shared/contract';
import { FleetError } from '../../../../shared/errors';
import { REMOTE_BATCH_METHOD_NAMES } from '../../../../shared/names-remote';

export type RemoteBatchHandlers = Pick<FleetHandlers, (typeof REMOTE_BATCH_METHOD_NAMES)[number]>;

/** Placeholder until the service lands: every method answers UNSUPPORTED. */
export function createRemoteBatchHandlers(): RemoteBatchHandlers {
  const notYet = async (): Promise<never> => {
    throw new FleetError('UNSUPPORTED', 'Remote batches are not available in this build yet.');
  };
  return Object.fromEntries(REMOTE_BATCH_METHOD_NAMES.map((name) => [name, notYet])) as unknown as RemoteBatchHandlers;
}
