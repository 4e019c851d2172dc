// A server at a GitHub address that answers oddly: the records keep only safe links, and junk is refused by name.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPullRequest } from '../../../../src/main/core/pulls/open-pull';
import { PullRequestStore } from '../../../../src/main/core/pulls/pull-store';
import { MemorySecretStore } from '../../../../src/main/core/remotes/secret-store';
import { addRemoteConfig } from '../../../../src/main/core/remotes/remote-config';
import { cleanupTempDirs, makeTempDir } from '../../../helpers/git';
import { initialisedWorkspace } from '../remotes/remote-fixture';

let answer: { status: number; body: unknown } = { status: 201, body: {} };
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    response.writeHead(answer.status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  cleanupTempDirs();
});

async function openOnOddServer() {
  const workspace = await initialisedWorkspace();
  await addRemoteConfig(workspace.repo, 'origin', `${url}/acme/fleet.git`);
  const services = { secrets: new MemorySecretStore(), env: { FLEET_GITHUB_HOSTS: new URL(url).host, FLEET_GIT_TOKEN: 't0ken' }, userAgent: 'fleet-control/test' };
  const store = new PullRequestStore(makeTempDir('fleet-pulls-'));
  const result = await openPullRequest(services, workspace, store, { moduleId: 'fleet-hub', remote: 'origin' }).catch((error: unknown) => error);
  return { result, stored: await store.list() };
}

describe('odd answers from a GitHub address', () => {
  it('never records a link that is not http(s): a javascript: html_url becomes the repository\'s own pull request page', async () => {
    const pull = { number: 7, html_url: 'javascript:alert(1)', state: 'open', draft: false, merged_at: null, title: 'Fleet Hub', updated_at: '2026-01-05T10:00:00Z', head: { ref: 'module/fleet-hub', repo: { full_name: 'acme/fleet' } }, base: { ref: 'main' } };
    answer = { status: 201, body: pull };
    const { result, stored } = await openOnOddServer();
    expect(result).toMatchObject({ outcome: 'created', pull: { number: 7, url: `${url}/acme/fleet/pull/7` } });
    expect(stored.map((r) => r.url)).toEqual([`${url}/acme/fleet/pull/7`]);
  });

  it('refuses an answer that is not a pull request, by name, and records nothing', async () => {
    answer = { status: 201, body: { hello: 'world' } };
    const { result, stored } = await openOnOddServer();
    expect(result).toMatchObject({ code: 'HOST_API_ERROR', message: 'The server behind "origin" answered with something that is not a GitHub pull request.' });
    expect(stored).toEqual([]);
  });
});
