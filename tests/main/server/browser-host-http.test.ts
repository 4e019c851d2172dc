import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../../src/main/server/browser-host';
import { SESSION_COOKIE } from '../../../src/shared/wire';
import { cleanupTempDirs } from '../../helpers/git';
import { INDEX_HTML, makeRendererDir, disposeCores, makeCore, rawGet } from './host-fixture';

const EXPECTED_CSP =
  "default-src 'none'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const hosts: BrowserHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  await disposeCores();
});
afterAll(cleanupTempDirs);

async function start(): Promise<BrowserHost> {
  const host = await startBrowserHost({ app: makeCore(), rendererDir: makeRendererDir(), log: () => undefined });
  hosts.push(host);
  return host;
}

function cookieOf(host: BrowserHost): Record<string, string> {
  return { Cookie: `${SESSION_COOKIE}_${host.port}=${host.token}` };
}

describe('the browser host over HTTP', () => {
  it('binds to loopback and prints a URL carrying a fresh 32-byte token', async () => {
    const a = await start();
    const b = await start();
    expect(a.url).toBe(`http://127.0.0.1:${a.port}/?token=${a.token}`);
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
    expect(a.token).not.toBe(b.token);
  });

  it('answers 401 to every request without the token or the session cookie', async () => {
    const host = await start();
    for (const path of ['/', '/index.html', '/assets/app.js', '/module/fleet-hub', `/?token=${host.token}x`]) {
      const res = await rawGet(host.port, path);
      expect(res.status, path).toBe(401);
      expect(res.body).not.toContain('Fleet Control</title>');
    }
    expect((await rawGet(host.port, '/', { Cookie: `${SESSION_COOKIE}_${host.port}=wrong` })).status).toBe(401);
  });

  it('trades ?token= for an HttpOnly SameSite=Strict cookie and redirects the token out of the address bar', async () => {
    const host = await start();
    const res = await rawGet(host.port, `/?token=${host.token}`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain(`${SESSION_COOKIE}_${host.port}=${host.token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('serves index.html with the CSP, nosniff and no-referrer once the cookie is set', async () => {
    const host = await start();
    const res = await rawGet(host.port, '/', cookieOf(host));
    expect(res.status).toBe(200);
    expect(res.body).toBe(INDEX_HTML);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('serves assets with their content types, routes with index.html, and unknown files as 404', async () => {
    const host = await start();
    const js = await rawGet(host.port, '/assets/app.js', cookieOf(host));
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await rawGet(host.port, '/assets/app.css', cookieOf(host))).headers['content-type']).toBe('text/css; charset=utf-8');
    const route = await rawGet(host.port, '/module/fleet-hub', cookieOf(host));
    expect(route.status).toBe(200);
    expect(route.body).toBe(INDEX_HTML);
    const relativeAsset = await rawGet(host.port, '/module/assets/app.js', cookieOf(host));
    expect([relativeAsset.status, relativeAsset.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect((await rawGet(host.port, '/assets/missing.js', cookieOf(host))).status).toBe(404);
    expect((await rawGet(host.port, '/', cookieOf(host), 'POST')).status).toBe(405);
  });

  it('refuses a Host header that does not name this server (DNS rebinding), even with the cookie', async () => {
    const host = await start();
    for (const name of [`evil.example:${host.port}`, `127.0.0.1.nip.io:${host.port}`, `localhost.evil.example:${host.port}`, 'localhost']) {
      const res = await rawGet(host.port, '/', { ...cookieOf(host), Host: name });
      expect(res.status, name).toBe(421);
      expect(res.body).not.toContain('Fleet Control</title>');
    }
    expect((await rawGet(host.port, '/', { ...cookieOf(host), Host: `localhost:${host.port}` })).status).toBe(200);
    // Through `ssh -L 8080:127.0.0.1:<port>` the browser names the tunnel's local port.
    expect((await rawGet(host.port, '/', { ...cookieOf(host), Host: 'localhost:8080' })).status).toBe(200);
  });

  it('warns in one line when bound to an address other machines can reach', async () => {
    const warnings: string[] = [];
    const host = await startBrowserHost({ app: makeCore(), rendererDir: makeRendererDir(), host: '0.0.0.0', log: () => undefined, warn: (line) => warnings.push(line) });
    hosts.push(host);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warning: .*0\.0\.0\.0/);
    expect(host.url).toContain(`http://127.0.0.1:${host.port}/`);
  });

  it('refuses to start without a built renderer, saying how to build it', async () => {
    await expect(startBrowserHost({ app: makeCore(), rendererDir: '/nonexistent/renderer' })).rejects.toThrow(/npm run build/);
  });
});
