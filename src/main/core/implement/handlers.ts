// Contract handlers of implementation runs. PLACEHOLDER while the run service is being built: every method refuses.
// (Replaced by the run service's handlers; must not survive into a release.)

import type { FleetHandlers } from '../../../shared/contract';
import { IMPLEMENT_METHOD_NAMES } from '../../../shared/names-implement';
import { FleetError } from '../../../shared/errors';

type ImplementHandlers = Pick<FleetHandlers, (typeof IMPLEMENT_METHOD_NAMES)[number]>;

export function createImplementHandlers(): ImplementHandlers {
  const refuse = async (): Promise<never> => {
    throw new FleetError('UNSUPPORTED', 'Implementation runs are not available yet.');
  };
  return Object.fromEntries(IMPLEMENT_METHOD_NAMES.map((name) => [name, refuse])) as unknown as ImplementHandlers;
}
