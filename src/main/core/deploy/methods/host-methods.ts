// The GitHub Actions and Azure Pipelines deploy methods, built over the CI host layer (core/ci).

import { FleetError } from '../../../../shared/errors';
import type { DeployMethodRunner } from './method';

const notYet = (what: string): DeployMethodRunner => ({
  prepare: async () => {
    throw new FleetError('UNSUPPORTED', `Deploys through ${what} are not built yet in this version of Fleet Control; use a command environment.`);
  },
});

/** The two host methods. */
export function hostDeployMethods(): { 'github-actions': DeployMethodRunner; 'azure-pipelines': DeployMethodRunner } {
  return { 'github-actions': notYet('GitHub Actions'), 'azure-pipelines': notYet('Azure Pipelines') };
}
