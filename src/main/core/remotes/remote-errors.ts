// What an HTTP answer from a remote means for the user: refused credentials, no such repository, not a git
// server, or a server in trouble; each a FleetError with one clear sentence.

import { FleetError } from '../../../shared/errors';
import { redactUrl } from './remote-url';
import { redact } from '../secrets/redactor';

/** A server's own words (an error page, a hook's message, a report-status reason), without any credential it echoed. */
export function serverText(text: string): string {
  return redact(text);
}

export interface RemoteContext {
  /** The remote's name, or the URL when there is no remote yet (clone). */
  remote: string;
  url: string;
  /** Whether a credential was sent. */
  credentialSent: boolean;
}

/** The error for an HTTP status other than 200 from a git endpoint. */
export function httpStatusError(status: number, context: RemoteContext, bodyStart = ''): FleetError {
  const url = redactUrl(context.url);
  const data = { remote: context.remote, url, status, credentialSet: context.credentialSent };
  if (status === 401) {
    return context.credentialSent
      ? new FleetError('AUTH_FAILED', `The server at ${url} did not accept the token for "${context.remote}". Set a new token (one that may push) and try again.`, data)
      : new FleetError('AUTH_FAILED', `The server at ${url} asks for credentials. Set a token for "${context.remote}" (or FLEET_GIT_TOKEN) and try again.`, data);
  }
  if (status === 403) {
    // Hosts say why (GitHub: "Permission to org/repo.git denied to user."); their words, redacted, help the user.
    const said = serverText(bodyStart.replace(/\s+/g, ' ').trim()).slice(0, 200);
    return new FleetError('AUTH_FAILED', `The server at ${url} refused access for "${context.remote}": the token lacks permission for this repository${said ? ` (the server said: "${said}")` : ''}.`, data);
  }
  if (status === 404) {
    return new FleetError('REMOTE_NOT_FOUND', `There is no git repository at ${url} (the server answered 404). Check the address${context.credentialSent ? '' : ', or set a token if the repository is private'}.`, data);
  }
  if (status >= 500 || status === 429 || status === 408) {
    // The server is there but in trouble: like a network failure, the branch can be retried later.
    return new FleetError('NETWORK', `The server at ${url} is having trouble (HTTP ${status}). Nothing was changed; try again later.`, data);
  }
  const snippet = serverText(bodyStart.replace(/\s+/g, ' ').trim()).slice(0, 120);
  return new FleetError('NOT_A_GIT_SERVER', `${url} did not answer as a git server (HTTP ${status}${snippet ? `: "${snippet}"` : ''}).`, data);
}

/** The error for a 200 answer that is not git's smart HTTP protocol (a web page, a dumb server). */
export function notGitServer(context: RemoteContext, contentType: string | undefined, bodyStart: string): FleetError {
  const url = redactUrl(context.url);
  const snippet = serverText(bodyStart.replace(/\s+/g, ' ').trim()).slice(0, 80);
  return new FleetError(
    'NOT_A_GIT_SERVER',
    `${url} is not a git server that Fleet Control can push to: it answered with ${contentType ? `"${contentType.split(';')[0]}"` : 'no content type'}${snippet ? ` ("${snippet}")` : ''}. Check the repository's HTTPS address.`,
    { remote: context.remote, url, contentType: contentType ?? null },
  );
}
