// app://fleet/ as the protocol handler answers it, on a real folder: files of the built renderer with their
// content types and the CSP as a header; traversal, encoded slashes, symlinks out, other hosts and methods refused.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appProtocolResponse, resolveAppRequest } from '../../../src/main/electron/app-protocol-files';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/server/content-security-policy';
import { cleanupTempDirs, makeTempDir } from '../../helpers/git';

let root: string;
let outside: string;

beforeAll(() => {
  const base = realpathSync(makeTempDir('fleet-app-protocol-'));
  root = join(base, 'renderer');
  outside = join(base, 'secret.txt');
  writeFileSync(outside, 'a secret outside the renderer folder\n');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Fleet Control</title>\n');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)\n');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}\n');
  writeFileSync(join(root, 'assets', 'editor.worker-x.js'), 'self.onmessage=()=>{}\n');
  writeFileSync(join(root, 'assets', 'codicon.ttf'), Buffer.from([0, 1, 0, 0]));
  writeFileSync(join(root, 'assets', 'data.bin'), Buffer.from([1, 2, 3]));
  symlinkSync(outside, join(root, 'assets', 'link-out.js'));
});
afterAll(cleanupTempDirs);

const get = (url: string, method = 'GET') => appProtocolResponse(root, { url, method });

describe('app://fleet protocol', () => {
  it('serves index.html at / and /index.html with the CSP and the security headers as response headers, never cached', async () => {
    for (const url of ['app://fleet/', 'app://fleet/index.html', 'app://fleet', 'app://fleet/index.html?x=1#/module/fleet-hub']) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(await response.text()).toBe('<!doctype html><title>Fleet Control</title>\n');
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('serves assets with their content types, ignoring query strings, and answers HEAD without a body', async () => {
    const js = await get('app://fleet/assets/index-abc.js?v=2');
    expect([js.status, js.headers.get('content-type'), await js.text()]).toEqual([200, 'text/javascript; charset=utf-8', 'console.log(1)\n']);
    expect((await get('app://fleet/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('app://fleet/assets/codicon.ttf')).headers.get('content-type')).toBe('font/ttf');
    expect((await get('app://fleet/assets/data.bin')).headers.get('content-type')).toBe('application/octet-stream');
    expect((await get('app://fleet/assets/index-abc.css')).headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const head = await get('app://fleet/assets/index-abc.js', 'HEAD');
    expect([head.status, await head.text()]).toEqual([200, '']);
  });

  it('never answers with a file outside the renderer folder, however the path is spelled', async () => {
    const attempts: [string, number][] = [
      ['app://fleet/../secret.txt', 404], // the URL parser resolves .. first: /secret.txt is not in the folder
      ['app://fleet/assets/../../secret.txt', 404],
      ['app://fleet/%2e%2e/secret.txt', 404],
      ['app://fleet/assets/%2e%2e%2f%2e%2e%2fsecret.txt', 400], // an encoded slash is refused outright
      ['app://fleet/assets%2F..%2F..%2Fsecret.txt', 400],
      ['app://fleet/assets/..%5C..%5Csecret.txt', 400], // an encoded backslash too
      ['app://fleet/assets\\..\\..\\secret.txt', 400],
      ['app://fleet/index.html%00.js', 400],
      ['app://fleet/%E0%A4%A', 400], // not valid percent-encoding
      ['app://fleet/assets/link-out.js', 404], // a symlink pointing out of the folder
      ['app://fleet/assets', 404], // a folder is not a file
      ['app://fleet/missing.js', 404],
    ];
    for (const [url, status] of attempts) {
      const response = await get(url);
      expect(response.status, url).toBe(status);
      expect(await response.text(), url).not.toContain('secret');
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('answers only its own host: other hosts, ports, user info and schemes are not found; only GET and HEAD', async () => {
    for (const url of ['app://evil/index.html', 'app://fleet.evil/index.html', 'app://fleet:8080/index.html', 'app://user@fleet/index.html', 'https://fleet/index.html', 'file:///index.html']) {
      expect(await resolveAppRequest(root, url), url).toEqual({ status: 404 });
    }
    expect(await resolveAppRequest(root, 'not a url')).toEqual({ status: 400 });
    expect((await get('app://fleet/index.html', 'POST')).status).toBe(405);
  });
});
