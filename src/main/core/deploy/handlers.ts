// The contract's deploy methods over the core. (Contract first: the handlers answer "not built yet" until the
// deploy service lands behind them.)

import type { FleetHandlers } from '../../../shared/contract';
import type { deployMethods } from '../../../shared/contract-deploy';
import { FleetError } from '../../../shared/errors';

type DeployHandlers = Pick<FleetHandlers, keyof typeof deployMethods>;

const notBuilt = async (): Promise<never> => {
  throw new FleetError('UNSUPPORTED', 'Deploys are not built yet in this version of Fleet Control.');
};

/** Handlers for every deploy method of the contract. */
export function createDeployHandlers(): DeployHandlers {
  return {
    listEnvironments: notBuilt,
    setEnvironments: notBuilt,
    deployPlan: notBuilt,
    startDeploy: notBuilt,
    cancelDeploy: notBuilt,
    getDeploy: notBuilt,
    listDeployments: notBuilt,
    readDeployLog: notBuilt,
    listModuleDeployments: notBuilt,
    getDeployCredentials: notBuilt,
    saveDeployCredentials: notBuilt,
  };
}
