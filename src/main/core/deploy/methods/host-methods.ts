// The GitHub Actions and Azure Pipelines deploy methods, built over the CI host layer (core/ci).

import type { CiServices } from '../../ci/ci-host';
import { azurePipelinesMethod } from './azure-pipelines';
import type { FollowTuning } from './follow';
import { gitHubActionsMethod } from './github-actions';
import type { DeployMethodRunner } from './method';

/** The two host methods over `services` (tokens from the remotes, host settings, User-Agent). */
export function hostDeployMethods(services: CiServices, tuning: FollowTuning = {}): { 'github-actions': DeployMethodRunner; 'azure-pipelines': DeployMethodRunner } {
  return { 'github-actions': gitHubActionsMethod(services, tuning), 'azure-pipelines': azurePipelinesMethod(services, tuning) };
}
