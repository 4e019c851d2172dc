// Turns what isomorphic-git throws during fetch and clone into the same FleetErrors the push reports:
// AUTH_FAILED, REMOTE_NOT_FOUND, NOT_A_GIT_SERVER, NETWORK.

import { FleetError } from '../../../shared/errors';
import { isNetworkFailure, networkError } from './http-transport';
import { httpStatusError, notGitServer, type RemoteContext } from './remote-errors';

interface IsoGitError {
  code?: string;
  data?: { statusCode?: number; response?: string; preview?: string };
  message?: string;
}

/** The FleetError for an isomorphic-git failure talking to `context`'s remote. */
export function fromIsoGitError(error: unknown, context: RemoteContext): FleetError {
  if (error instanceof FleetError) return error;
  const e = (error ?? {}) as IsoGitError;
  switch (e.code) {
    case 'HttpError':
      return httpStatusError(e.data?.statusCode ?? 0, context, e.data?.response ?? '');
    case 'UserCanceledError':
      // Our onAuth cancels when the server refuses the credential we have (or asks for one we lack).
      return httpStatusError(401, context);
    case 'SmartHttpError':
      return notGitServer(context, undefined, e.data?.preview ?? '');
    case 'NotFoundError':
      // isomorphic-git needs the remote's HEAD to name an existing branch (a fresh remote may lack one).
      return new FleetError('UNSUPPORTED', `"${context.remote}" has no default branch (its HEAD names a branch that does not exist), so there is nothing to check out. Set the default branch on the server, or clone with git.`, { remote: context.remote });
    case 'UnknownTransportError':
    case 'UrlParseError':
      return new FleetError('INVALID_URL', `"${context.url}" is not an address Fleet Control can fetch from.`, { url: context.url });
    default:
      if (isNetworkFailure(error)) return networkError(context.url, error);
      return new FleetError('INTERNAL', `Talking to "${context.remote}" failed: ${e.message ?? String(error)}`, { remote: context.remote });
  }
}
