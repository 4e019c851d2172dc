// `fleet-control pr`: the command's logic over the core against a loopback GitHub, and its usage errors through
// the built CLI.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleetApp, type FleetApp } from '../../../src/main/core/app';
import { pullsCommand } from '../../../src/main/cli-pulls';
import { addRemoteConfig } from '../../../src/main/core/remotes/remote-config';
import { GitHubServer } from '../../helpers/github-server';
import { cleanupTempDirs, makeTempDir } from '../../helpers/git';
import { editModuleDocs, initialisedWorkspace } from '../core/remotes/remote-fixture';
import { ROOT, runCli } from './run-cli';

const TOKEN = 'ghp_cli_pulls_token';
const CLI = join(ROOT, process.env.FLEET_OUT_DIR || 'out', 'main', 'cli.js');
const built = existsSync(CLI);

let github: GitHubServer;
let app: FleetApp;
beforeAll(async () => {
  github = await GitHubServer.start({ token: TOKEN });
  const env = { FLEET_GITHUB_HOSTS: new URL(github.url).host, FLEET_GIT_TOKEN: TOKEN };
  app = createFleetApp({ appDataDir: makeTempDir('fleet-cli-pulls-'), transport: 'browser', version: '0.0.0-test', log: () => undefined, watch: false, remotes: { env } });
});
afterAll(async () => {
  await app.dispose();
  await github.close();
  cleanupTempDirs();
});

describe('fleet-control pr', () => {
  it('opens the modules\' pull requests, says which already existed or failed, refreshes and lists them', async () => {
    const workspace = await initialisedWorkspace();
    const tips = await editModuleDocs(workspace, ['fleet-hub']);
    github.createRepo('acme/fleet', { main: (await workspace.repo.resolveRef('refs/heads/main'))!, 'module/fleet-hub': tips.get('module/fleet-hub')! });
    await addRemoteConfig(workspace.repo, 'origin', `${github.url}/acme/fleet.git`);
    await app.openWorkspace(workspace.path);
    const lines: string[] = [];
    const print = (line = '') => void lines.push(line);

    const opened = await pullsCommand(app, { modules: ['fleet-hub', 'drivers-hub'], refresh: false, json: false }, print);
    expect(opened).toBe(false);
    expect(lines[0]).toMatch(/^fleet-hub\s+#1\s+open\s+module\/fleet-hub -> main on origin {2}http:\/\/127\.0\.0\.1:\d+\/acme\/fleet\/pull\/1$/);
    expect(lines[1]).toMatch(/^drivers-hub\s+error: module\/drivers-hub is not on "origin" \(acme\/fleet\) yet: push the branch first/);

    lines.length = 0;
    expect(await pullsCommand(app, { modules: ['fleet-hub'], refresh: false, json: false }, print)).toBe(true);
    expect(lines[0]).toMatch(/#1 .*\(already open\)$/);

    github.updatePull('acme/fleet', 1, { state: 'closed', merged_at: '2026-01-07T08:00:00Z' });
    lines.length = 0;
    expect(await pullsCommand(app, { modules: [], refresh: true, json: true }, print)).toBe(true);
    expect(JSON.parse(lines.join('\n'))).toMatchObject({ pulls: [{ moduleId: 'fleet-hub', number: 1, state: 'merged' }], errors: [] });

    lines.length = 0;
    await addRemoteConfig(workspace.repo, 'azure', 'https://dev.azure.com/acme/fleet/_git/fleet');
    expect(await pullsCommand(app, { modules: ['fleet-hub'], remote: 'azure', refresh: false, json: false }, print)).toBe(true);
    expect(lines).toEqual([`fleet-hub            open it on the host's page: https://dev.azure.com/acme/fleet/_git/fleet/pullrequestcreate?sourceRef=module%2Ffleet-hub&targetRef=main`]);
  });

  it.skipIf(!built)('refuses --modules with --refresh, and more than one --remote, as bad usage', async () => {
    const home = makeTempDir('fleet-cli-home-');
    const both = await runCli(['pr', '/nowhere', '--modules', 'fleet-hub', '--refresh'], home, CLI);
    expect(both).toMatchObject({ code: 2, stderr: 'error: pr takes either --modules or --refresh, not both (see fleet-control --help)\n' });
    const remotes = await runCli(['pr', '/nowhere', '--remote', 'a', '--remote', 'b'], home, CLI);
    expect(remotes).toMatchObject({ code: 2, stderr: 'error: pr takes one --remote (see fleet-control --help)\n' });
  });
});
