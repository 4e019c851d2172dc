import { describe, expect, it } from 'vitest';
import { takeSessionCredential, type SessionEnvironment } from '../../src/renderer/src/transport/session';

/** A tab as takeSessionCredential sees it: a head that may hold the meta, sessionStorage, the address bar. */
function tab(href: string, metaContent: string | null, stored: Record<string, string> = {}) {
  let meta: { getAttribute: (name: string) => string | null; remove: () => void } | null =
    metaContent === null ? null : { getAttribute: (name) => (name === 'content' ? metaContent : null), remove: () => (meta = null) };
  const storage = new Map(Object.entries(stored));
  const address = { href };
  const env: SessionEnvironment = {
    document: { querySelector: (selector: string) => (selector === 'meta[name="fleet-session"]' ? meta : null) },
    storage: { getItem: (key: string) => storage.get(key) ?? null, setItem: (key: string, value: string) => void storage.set(key, value) },
    location: address,
    history: { state: null, replaceState: (_state: unknown, _title: string, url?: string | null) => void (address.href = new URL(String(url), address.href).href) },
  };
  return { env, storage, address, meta: () => meta };
}

describe('the tab session', () => {
  it('keeps the credential a fresh link brought in sessionStorage and takes the spent token out of the address bar', () => {
    const t = tab('http://127.0.0.1:5170/?token=abc&x=1#/module/fleet-hub/as-is', 'credential-1');
    expect(takeSessionCredential(t.env)).toBe('credential-1');
    expect(t.storage.get('fleet-control.session')).toBe('credential-1');
    expect(t.address.href).toBe('http://127.0.0.1:5170/?x=1#/module/fleet-hub/as-is');
    expect(t.meta()).toBeNull();
  });

  it('finds the session again after a reload, which loads the page without a token or meta', () => {
    const t = tab('http://127.0.0.1:5170/#/merge', null, { 'fleet-control.session': 'credential-1' });
    expect(takeSessionCredential(t.env)).toBe('credential-1');
    expect(t.address.href).toBe('http://127.0.0.1:5170/#/merge');
  });

  it('has no session in a tab opened without a link', () => {
    expect(takeSessionCredential(tab('http://127.0.0.1:5170/', null).env)).toBeNull();
  });
});
