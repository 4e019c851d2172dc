// The browser tab's session: a page loaded from a printed link finds its credential in a <meta> the server
// added, keeps it in sessionStorage (per origin, so per port; per tab; gone when the tab closes) and takes the
// spent link out of the address bar. Reloads and in-app navigation find it there again; no cookie is involved.

import { SESSION_CHECK_PATH, SESSION_HEADER, SESSION_META } from '../../../shared/wire';

const STORAGE_KEY = 'fleet-control.session';

/** Where the session lives and how the address bar is rewritten; the browser's own objects by default. */
// Structural types (not the DOM's names), so the node tests can hand in their own stand-ins.
export interface SessionEnvironment {
  document: { querySelector(selector: string): { getAttribute(name: string): string | null; remove(): void } | null };
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  location: { href: string };
  history: { state: unknown; replaceState(state: unknown, unused: string, url?: string | null): void };
}

/** Reads the credential a fresh link brought (or the one this tab already had); removes the link's token from the URL. */
export function takeSessionCredential(env: SessionEnvironment): string | null {
  const meta = env.document.querySelector(`meta[name="${SESSION_META}"]`);
  const fresh = meta?.getAttribute('content');
  if (fresh) env.storage.setItem(STORAGE_KEY, fresh);
  meta?.remove();
  const url = new URL(env.location.href);
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token');
    // Replace, not push: the spent link must not stay in the history either.
    env.history.replaceState(env.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  return env.storage.getItem(STORAGE_KEY);
}

/** Asks the server whether `credential` is still live: 'ended' after a restart, 'unreachable' while it is down. */
export async function checkSession(credential: string, fetchFn: typeof fetch = fetch): Promise<'live' | 'ended' | 'unreachable'> {
  try {
    const response = await fetchFn(SESSION_CHECK_PATH, { headers: { [SESSION_HEADER]: credential } });
    if (response.status === 401) return 'ended';
    return response.ok ? 'live' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}
