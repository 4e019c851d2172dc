// Azure DevOps' refusal of a token, said in a deploy's words: a deploy through Azure Pipelines needs "Build (Read &
// execute)" (the CI layer's words name the read scopes only), and an account allowed to queue the pipeline's builds.

import { FleetError } from '../../../../shared/errors';
import type { AzureCiHost } from '../../ci/ci-host';

const READ_SCOPES = '("Build (Read)" and "Code (Read)")';
const DEPLOY_SCOPES = '"Build (Read & execute)" and "Code (Read)"';

/** A refused token (401) or a refused action (403) says which scopes and permission a deploy needs. */
export function deployScopeError(error: unknown, host: AzureCiHost): unknown {
  if (!(error instanceof FleetError)) return error;
  if (error.code === 'AUTH_FAILED') {
    const message = error.message.includes(READ_SCOPES)
      ? error.message.replace(READ_SCOPES, `(${DEPLOY_SCOPES}, which a deploy through Azure Pipelines needs)`)
      : `${error.message} A deploy through Azure Pipelines needs a personal access token of "${host.remote}" with the scopes ${DEPLOY_SCOPES}.`;
    return new FleetError('AUTH_FAILED', message, error.data);
  }
  if (error.code === 'PERMISSION_DENIED') {
    return new FleetError(
      'PERMISSION_DENIED',
      `${error.message.replace(/ It needs the scopes.*$/, '')} A deploy through Azure Pipelines needs a personal access token of "${host.remote}" with the scopes ${DEPLOY_SCOPES}, of an account with the "Queue builds" permission on the pipeline.`,
      error.data,
    );
  }
  return error;
}
