// The session's own guards: the CSP on every response (the browser host sends the same one) and no
// permission granted to web content, except writing to the clipboard, which copying from an editor needs.

import type { Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../server/content-security-policy';
import type { RendererLocation } from './renderer-location';

/** The CSP for the window: the browser host's, loosened under the dev server for Vite's inline preamble and HMR socket. */
export function windowContentSecurityPolicy(location: RendererLocation): string {
  if (location.kind !== 'dev') return CONTENT_SECURITY_POLICY;
  const hmrSocket = location.origin.replace(/^http/, 'ws');
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ${hmrSocket}`,
  );
}

/** Adds the CSP header to every response and denies permission requests and checks. */
export function applySessionSecurity(session: Session, location: RendererLocation): void {
  const policy = windowContentSecurityPolicy(location);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === 'clipboard-sanitized-write'));
  session.setPermissionCheckHandler((_contents, permission) => permission === 'clipboard-sanitized-write');
}
