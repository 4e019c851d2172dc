// The Electron side of app://fleet: the scheme registered as privileged before ready, and the handler that answers
// from the built renderer folder (the logic is in app-protocol-files.ts, unit-tested without Electron).

import { protocol, type Session } from 'electron';
import { realpathSync } from 'node:fs';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES } from './app-origin';
import { appProtocolResponse } from './app-protocol-files';

/** Registers app: as a standard, secure scheme; must run before the app's ready event, once. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

/** Serves app://fleet/ from `rendererDir` in `session`; logs (and answers 500 to) a request that fails to read. */
export function serveAppProtocol(session: Session, rendererDir: string, log: (message: string, error?: unknown) => void): void {
  const root = realpathSync(rendererDir);
  session.protocol.handle(APP_SCHEME, async (request) => {
    try {
      return await appProtocolResponse(root, { url: request.url, method: request.method });
    } catch (error) {
      log(`could not serve ${request.url}`, error);
      return new Response('Could not read the file.\n', { status: 500, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    }
  });
}
