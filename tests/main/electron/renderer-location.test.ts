// Which page may call the contract over IPC: our window's main frame on app://fleet/index.html (or the local dev
// server), and nothing else: not file://, not another host, not an iframe, not another window.

import { describe, expect, it } from 'vitest';
import { isRendererUrl, resolveRendererLocation, type RendererLocation } from '../../../src/main/electron/renderer-location';
import { isTrustedSenderFrame, type SenderFacts } from '../../../src/main/electron/sender-check';
import { windowContentSecurityPolicy } from '../../../src/main/electron/session-security';
import { APP_PAGE_URL, APP_SCHEME_PRIVILEGES } from '../../../src/main/electron/app-origin';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/server/content-security-policy';

const built = resolveRendererLocation('/opt/fleet/out/main', true, { ELECTRON_RENDERER_URL: 'http://localhost:5173/' });
const dev = resolveRendererLocation('/opt/fleet/out/main', false, { ELECTRON_RENDERER_URL: 'http://localhost:5173/' });

describe('renderer location', () => {
  it('loads the built renderer from app://fleet, and the dev server only unpackaged and only on this machine', () => {
    expect(built).toEqual({ kind: 'app', rendererDir: '/opt/fleet/out/renderer', url: 'app://fleet/index.html' });
    expect(dev).toEqual({ kind: 'dev', url: 'http://localhost:5173/', origin: 'http://localhost:5173' });
    expect(resolveRendererLocation('/opt/fleet/out/main', false, { ELECTRON_RENDERER_URL: 'http://dev.example.com:5173/' }).kind).toBe('app');
    expect(resolveRendererLocation('/opt/fleet/out/main', false, { ELECTRON_RENDERER_URL: 'https://127.0.0.1:5173/' }).kind).toBe('app');
    expect(resolveRendererLocation('/opt/fleet/out/main', false, {}).kind).toBe('app');
    expect(APP_PAGE_URL).toBe('app://fleet/index.html');
    // A real origin for 'self', a secure context, fetch and module scripts; never readable from other origins.
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true, codeCache: true });
  });

  it('recognises our page with any hash or query, and nothing else', () => {
    for (const url of ['app://fleet/index.html', 'app://fleet/index.html#/module/fleet-hub', 'app://fleet/index.html?x=1#/']) expect(isRendererUrl(url, built), url).toBe(true);
    for (const url of [
      'app://fleet/',
      'app://fleet/other.html',
      'app://fleet/assets/index.html',
      'app://evil/index.html',
      'app://fleet.evil/index.html',
      'app://fleet:1/index.html',
      'app://me@fleet/index.html',
      'file:///opt/fleet/out/renderer/index.html',
      'https://fleet/index.html',
      'http://localhost:5173/',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isRendererUrl(url, built), url).toBe(false);
    }
  });

  it('under the dev server, trusts exactly its origin', () => {
    expect(isRendererUrl('http://localhost:5173/#/merge', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    for (const url of ['http://localhost:5174/', 'http://127.0.0.1:5173/', 'https://localhost:5173/', APP_PAGE_URL, 'garbage']) expect(isRendererUrl(url, dev), url).toBe(false);
  });

  it('sends the browser host\'s CSP for the app page, loosened only for the dev server\'s preamble and HMR socket', () => {
    expect(windowContentSecurityPolicy(built)).toBe(CONTENT_SECURITY_POLICY);
    const devPolicy = windowContentSecurityPolicy(dev);
    expect(devPolicy).toContain("script-src 'self' 'unsafe-inline'");
    expect(devPolicy).toContain("connect-src 'self' ws://localhost:5173");
  });
});

describe('IPC sender check', () => {
  const mainFrame = { processId: 7, routingId: 1 };
  const facts = (over: Partial<SenderFacts> = {}, url = 'app://fleet/index.html#/'): SenderFacts => ({ fromWindowContents: true, frame: { ...mainFrame, url }, mainFrame, ...over });
  const location: RendererLocation = built;

  it('accepts the window\'s main frame on our page', () => {
    expect(isTrustedSenderFrame(facts(), location)).toBe(true);
  });

  it('refuses an iframe, another webContents, a frame that is gone, and our window after it navigated elsewhere', () => {
    expect(isTrustedSenderFrame(facts({ frame: { processId: 7, routingId: 2, url: 'app://fleet/index.html' } }), location)).toBe(false);
    expect(isTrustedSenderFrame(facts({ frame: { processId: 8, routingId: 1, url: 'app://fleet/index.html' } }), location)).toBe(false);
    expect(isTrustedSenderFrame(facts({ fromWindowContents: false }), location)).toBe(false);
    expect(isTrustedSenderFrame(facts({ frame: null }), location)).toBe(false);
    expect(isTrustedSenderFrame(facts({}, 'https://example.com/'), location)).toBe(false);
    expect(isTrustedSenderFrame(facts({}, 'file:///opt/fleet/out/renderer/index.html'), location)).toBe(false);
  });
});
