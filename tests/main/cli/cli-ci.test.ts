// `fleet-control ci`: the command's logic over the core against loopback GitHub and Azure DevOps stand-ins.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleetApp, type FleetApp } from '../../../src/main/core/app';
import { ciCommand } from '../../../src/main/cli-ci';
import { addRemoteConfig } from '../../../src/main/core/remotes/remote-config';
import { AzureDevOpsServer } from '../../helpers/azure-devops-server';
import { GitHubCiServer } from '../../helpers/github-ci-server';
import { cleanupTempDirs, makeTempDir } from '../../helpers/git';
import { initialisedWorkspace } from '../core/remotes/remote-fixture';

const TOKEN = 'ghp_cli_ci_token_0123456789abcdef';
const PAT = 'azure-cli-ci-pat-0123456789abcdefghij';

let github: GitHubCiServer;
let azure: AzureDevOpsServer;
let app: FleetApp;
beforeAll(async () => {
  github = await GitHubCiServer.start({ token: TOKEN, repository: 'acme/fleet', branches: { 'module/fleet-hub': 'f'.repeat(40), 'module/drivers-hub': 'd'.repeat(40) } });
  github.report('f'.repeat(40), [{ name: 'build', status: 'completed', conclusion: 'success' }, { name: 'test', status: 'completed', conclusion: 'success' }]);
  github.report('d'.repeat(40), [{ name: 'test', status: 'completed', conclusion: 'failure', title: '3 tests failed', summary: 'drivers.routes.test.ts' }]);
  azure = await AzureDevOpsServer.start({ token: PAT, organisation: 'acme' });
  const env = { FLEET_GITHUB_HOSTS: new URL(github.url).host, FLEET_GIT_TOKEN_ORIGIN: TOKEN, FLEET_GIT_TOKEN_AZURE: PAT };
  app = createFleetApp({ appDataDir: makeTempDir('fleet-cli-ci-'), transport: 'browser', version: '0.0.0-test', log: () => undefined, watch: false, remotes: { env } });
  const workspace = await initialisedWorkspace();
  await addRemoteConfig(workspace.repo, 'origin', `${github.url}/acme/fleet.git`);
  await addRemoteConfig(workspace.repo, 'azure', azure.remoteUrl('Nope', 'fleet'));
  await app.openWorkspace(workspace.path);
});
afterAll(async () => {
  await app.dispose();
  await github.close();
  await azure.close();
  cleanupTempDirs();
});

describe('fleet-control ci', () => {
  it('prints one line per fleet branch with its state and counts, and each failing check with its summary and link', async () => {
    const lines: string[] = [];
    expect(await ciCommand(app, { json: false }, (line = '') => void lines.push(line))).toBe(true);
    expect(lines[0]).toMatch(/^GitHub acme\/fleet \(remote "origin", graphql\), read at \d{4}-.*; 4999 of 5000 requests left this hour$/);
    expect(lines).toContainEqual(expect.stringMatching(/^module\/fleet-hub\s+passing\s+2 passing$/));
    const failing = lines.findIndex((l) => /^module\/drivers-hub\s+failing\s+1 failing$/.test(l));
    expect(failing).toBeGreaterThan(0);
    expect(lines[failing + 1]).toMatch(/^ {4}✗ test: 3 tests failed {2}http:\/\/127\.0\.0\.1:\d+\/acme\/fleet\/actions\/runs\/\d+/);
    expect(lines).toContainEqual(expect.stringMatching(/^module\/ai-chat\s+none\s+not on the host$/));
  });

  it('prints the snapshot as JSON, and fails (exit 1) naming what is missing when the host cannot be read', async () => {
    const out: string[] = [];
    expect(await ciCommand(app, { json: true }, (line = '') => void out.push(line))).toBe(true);
    const parsed = JSON.parse(out.join('\n')) as { status: { branches: unknown[] }; error: null };
    expect(parsed.status.branches).toHaveLength(35);
    const lines: string[] = [];
    expect(await ciCommand(app, { remote: 'azure', json: false }, (line = '') => void lines.push(line))).toBe(false);
    expect(lines).toEqual([expect.stringMatching(/^error: Azure DevOps has no project "Nope" in http:\/\/127\.0\.0\.1:\d+\/acme that the token of "azure" can see/)]);
    const json: string[] = [];
    expect(await ciCommand(app, { remote: 'azure', json: true }, (line = '') => void json.push(line))).toBe(false);
    expect(JSON.parse(json.join('\n'))).toMatchObject({ remote: 'azure', error: { code: 'REPO_NOT_FOUND', data: { missing: 'project' } } });
  });
});
