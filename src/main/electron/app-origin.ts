// The app's own origin under Electron, `app://fleet`: the scheme's privileges and whether a URL is our page.
// Pure (no electron import), so the sender check and the navigation guard are unit-tested without a binary.

export const APP_SCHEME = 'app';
export const APP_HOST = 'fleet';
/** The one page the window loads; the renderer routes inside it with the hash. */
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * standard: a real origin (app://fleet) for 'self' in the CSP, relative URLs and storage; secure: a secure context
 * like https; supportFetchAPI: fetch() and module scripts. Deliberately not corsEnabled (that would let any
 * origin read our files), bypassCSP or allowServiceWorkers.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

/** True when `url` is exactly our page (any hash or query): app: scheme, host fleet, no port or user, /index.html. */
export function isAppPageUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // URL.origin is "null" for schemes Node does not know, so each part is compared on its own.
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.pathname === '/index.html'
  );
}
