// Contract handlers of CI repair over the repair service.

import type { FleetHandlers } from '../../../../shared/contract';
import type { CI_REPAIR_METHOD_NAMES } from '../../../../shared/names-ci-repair';
import type { CiRepairService } from './repair-service';

type CiRepairHandlers = Pick<FleetHandlers, (typeof CI_REPAIR_METHOD_NAMES)[number]>;

/** Handlers for every CI repair method of the contract. */
export function createCiRepairHandlers(service: CiRepairService): CiRepairHandlers {
  return {
    ciFailureContext: (request) => service.failureContext(request),
    startCiRepair: (request) => service.start(request),
    getCiRepairSettings: () => service.settings(),
    saveCiRepairSettings: (settings) => service.saveSettings(settings),
    listCiRepairs: () => service.states(),
  };
}
