import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startBrowserHost, type BrowserHost } from '../../../src/main/server/browser-host';
import { cleanupTempDirs } from '../../helpers/git';
import { SECRET, makeRendererDir, disposeCores, makeCore, rawGet } from './host-fixture';

const hosts: BrowserHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  await disposeCores();
});
afterAll(cleanupTempDirs);

describe('the browser host keeps requests inside the renderer folder', () => {
  it('never serves a file outside it, whatever the encoding of ..', async () => {
    const rendererDir = makeRendererDir();
    symlinkSync(join(dirname(rendererDir), 'secret.txt'), join(rendererDir, 'assets', 'linked.txt'));
    const host = await startBrowserHost({ app: makeCore(), rendererDir, log: () => undefined });
    hosts.push(host);
    expect((await rawGet(host.port, '/')).status, 'the page itself is served').toBe(200);
    const attempts = [
      '/../package.json',
      '/../secret.txt',
      '/%2e%2e/package.json',
      '/%2E%2E/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/%252e%252e/secret.txt',
      '/secret.txt%00.js',
      '/assets/linked.txt',
    ];
    for (const path of attempts) {
      const res = await rawGet(host.port, path);
      expect(res.status, path).not.toBe(200);
      expect(res.body, path).not.toContain(SECRET);
    }
  });
});
