import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../../src/main/server/browser-host';
import { cleanupTempDirs } from '../../helpers/git';
import { INDEX_HTML, makeRendererDir, disposeCores, makeCore, rawGet, signIn } from './host-fixture';

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

function linkPath(link: string): string {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

describe('the browser host over HTTP', () => {
  it('binds to loopback and prints a URL carrying a fresh single-use 32-byte link token', async () => {
    const a = await start();
    const b = await start();
    expect(a.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${a.port}/\\?token=[\\w-]{43}$`));
    const token = new URL(a.url).searchParams.get('token')!;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(new Set([a.url, b.url, a.newLink(), a.newLink()]).size).toBe(4);
  });

  it('trades a link once for a session credential handed to the page in index.html, never in a cookie', async () => {
    const host = await start();
    const res = await rawGet(host.port, linkPath(host.url));
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
    const credential = /<meta name="fleet-session" content="([\w-]{43})" \/>/.exec(res.body)?.[1];
    expect(credential).toBeDefined();
    expect(credential).not.toBe(new URL(host.url).searchParams.get('token'));
    expect(res.body.replace(/<meta name="fleet-session"[^>]*>/, '')).toBe(INDEX_HTML);
  });

  it('answers the second use of a link with a page saying it was already used and how to get a new one', async () => {
    const host = await start();
    await signIn(host.url);
    const again = await rawGet(host.port, linkPath(host.url));
    expect(again.status).toBe(410);
    expect(again.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(again.headers['content-security-policy']).toBe(EXPECTED_CSP);
    expect(again.body).toContain('This link was already used');
    expect(again.body).toContain('restart <code>fleet-control serve</code>');
    expect(again.body).not.toContain('fleet-session');
    // The same link on another in-app route is the same link.
    expect((await rawGet(host.port, `/module/fleet-hub${new URL(host.url).search}`)).status).toBe(410);
  });

  it('answers a link it never printed (an earlier start, a typo) with a page saying so', async () => {
    const host = await start();
    for (const token of ['x'.repeat(43), 'short', `${new URL(host.url).searchParams.get('token')}x`]) {
      const res = await rawGet(host.port, `/?token=${token}`);
      expect(res.status, token).toBe(401);
      expect(res.body).toContain('This link does not open this server');
      expect(res.body).not.toContain('fleet-session');
    }
    expect((await rawGet(host.port, linkPath(host.url))).status, 'the real link still works after wrong guesses').toBe(200);
  });

  it('does not spend a link on a HEAD request (a link checker or preview)', async () => {
    const host = await start();
    expect((await rawGet(host.port, linkPath(host.url), {}, 'HEAD')).status).toBe(200);
    expect(await signIn(host.url)).toMatch(/^[\w-]{43}$/);
  });

  it('says whether a session is live at /session, so a refused page can tell a restart from a lost link', async () => {
    const host = await start();
    const credential = await signIn(host.url);
    expect((await rawGet(host.port, '/session', { 'X-Fleet-Session': credential })).status).toBe(200);
    expect((await rawGet(host.port, '/session', { 'X-Fleet-Session': `${credential.slice(0, -1)}A` })).status).toBe(401);
    expect((await rawGet(host.port, '/session')).status).toBe(401);
  });

  it('serves index.html and assets without a session (they hold no data), with the CSP, nosniff and no-referrer', async () => {
    const host = await start();
    const res = await rawGet(host.port, '/');
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
    const js = await rawGet(host.port, '/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await rawGet(host.port, '/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const route = await rawGet(host.port, '/module/fleet-hub');
    expect(route.status).toBe(200);
    expect(route.body).toBe(INDEX_HTML);
    const relativeAsset = await rawGet(host.port, '/module/assets/app.js');
    expect([relativeAsset.status, relativeAsset.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect((await rawGet(host.port, '/assets/missing.js')).status).toBe(404);
    expect((await rawGet(host.port, '/', {}, 'POST')).status).toBe(405);
  });

  it('refuses a Host header that does not name this server (DNS rebinding), and does not spend the link for it', async () => {
    const host = await start();
    for (const name of [`evil.example:${host.port}`, `127.0.0.1.nip.io:${host.port}`, `localhost.evil.example:${host.port}`, 'localhost']) {
      const res = await rawGet(host.port, linkPath(host.url), { Host: name });
      expect(res.status, name).toBe(421);
      expect(res.body).not.toContain('Fleet Control</title>');
      expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
    }
    expect((await rawGet(host.port, '/', { Host: `localhost:${host.port}` })).status).toBe(200);
    // Through `ssh -L 8080:127.0.0.1:<port>` the browser names the tunnel's local port.
    expect((await rawGet(host.port, linkPath(host.url), { Host: 'localhost:8080' })).status).toBe(200);
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
