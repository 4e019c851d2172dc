// Credentials never travel unencrypted: a key or token is attached to https:// requests, or to plain http:// only
// when the server is this computer (loopback). Anything else is refused with INSECURE_TRANSPORT before a byte is sent.

import { FleetError } from '../../../shared/errors';
import { isPlainHttpToOtherHost } from '../../../shared/transport-security';

/** The URL as it may be shown: no user name, password, query or fragment. */
function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return parsed.toString().replace(/\/+$/, '');
  } catch {
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/\s]*@/i, '$1').replace(/[?#].*$/, '');
  }
}

/** Throws INSECURE_TRANSPORT when `url` is plain HTTP to another computer; `what` names the credential ("the token for origin"). */
export function requireSecureTransport(url: string, what: string): void {
  if (!isPlainHttpToOtherHost(url)) return;
  const shown = shownUrl(url);
  throw new FleetError(
    'INSECURE_TRANSPORT',
    `${shown} is plain HTTP to another computer, so ${what} was not sent: credentials never travel unencrypted. Use the server's https:// address (plain http:// is only used with a credential for this computer: localhost, 127.0.0.1, ::1).`,
    { url: shown },
  );
}
