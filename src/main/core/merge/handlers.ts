// The merge methods of the contract. IN PROGRESS: the merge helper replaces this file with the real handlers.

import type { FleetHandlers } from '../../../shared/contract';
import { FleetError } from '../../../shared/errors';

type MergeHandlers = Pick<FleetHandlers, 'getMergeTargets' | 'forecastMerges' | 'getLastForecast' | 'mergeModules' | 'readConflict'>;

const notYet = async (): Promise<never> => {
  throw new FleetError('UNSUPPORTED', 'Merging is not available in this build yet.');
};

export function createMergeHandlers(): MergeHandlers {
  return { getMergeTargets: notYet, forecastMerges: notYet, getLastForecast: notYet, mergeModules: notYet, readConflict: notYet };
}
