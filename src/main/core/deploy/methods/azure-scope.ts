// Azure DevOps' refusal of a token, said in a deploy's words: which scopes a deploy through Azure Pipelines needs.

import { FleetError } from '../../../../shared/errors';
import type { AzureCiHost } from '../../ci/ci-host';

/** A refused token says which scope a deploy needs (the CI layer's words are about reading builds). */
export function deployScopeError(error: unknown, host: AzureCiHost): unknown {
  if (error instanceof FleetError && (error.code === 'PERMISSION_DENIED' || error.code === 'AUTH_FAILED')) {
    return new FleetError(
      error.code,
      `${error.message.replace(/ It needs the scopes.*$/, '')} A deploy through Azure Pipelines needs a personal access token of "${host.remote}" with the scopes "Build (Read & execute)" and "Code (Read)".`,
      error.data,
    );
  }
  return error;
}
