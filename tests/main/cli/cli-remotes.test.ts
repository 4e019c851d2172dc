import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { GitHttpServer } from '../../helpers/git-http-server';
import { cleanupTempDirs, git, makeTempDir } from '../../helpers/git';
import { TOKEN, editModuleDocs, initialisedWorkspace } from '../core/remotes/remote-fixture';
import { BIN, cliEnv, ensureBuiltCli, spawnCli, type CliResult } from './run-cli';

const notBuilt = ensureBuiltCli();
if (notBuilt) console.warn(`skipping the CLI remote tests: ${notBuilt}`);

let server: GitHttpServer;
let appData: string;
beforeAll(async () => {
  server = await GitHttpServer.start({ token: TOKEN });
  appData = makeTempDir('fleet-cli-home-');
});
afterAll(async () => {
  await server.stop();
  cleanupTempDirs();
});

/** Runs the CLI without blocking this process, which serves the git server the CLI talks to. */
function cli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...cliEnv(appData), ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe.skipIf(notBuilt !== null)('fleet-control push and fetch', () => {
  it('pushes every branch with a per-branch report, exits 1 when one is refused, and fetches', async () => {
    const workspace = await initialisedWorkspace();
    server.createBareRepo('cli', { protectBranches: ['module/break-glass'], hook: 'update' });
    git(workspace.path, 'remote', 'add', 'origin', server.url('cli'));

    const refused = await cli(['push', workspace.path], { FLEET_GIT_TOKEN: 'wrong' });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^origin \(http:\/\/127\.0\.0\.1:\d+\/cli\.git\): AUTH_FAILED: /);
    expect(refused.stdout).toMatch(/0 pushed, 0 up to date, 33 failed/);

    const first = await cli(['push', workspace.path, '--remote', 'origin'], { FLEET_GIT_TOKEN: TOKEN });
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/^ {2}pushed +module\/fleet-hub {2}new\.\.[0-9a-f]{7}$/m);
    expect(first.stdout).toMatch(/^ {2}rejected +module\/break-glass$/m);
    expect(first.stdout).toContain('refs/heads/module/break-glass is protected: changes go through a pull request');
    expect(first.stdout).toMatch(/32 pushed, 0 up to date, 1 failed/);
    expect(first.stdout).not.toContain(TOKEN);

    await editModuleDocs(workspace, ['fleet-hub']);
    const before = server.requests.length;
    const json = await cli(['push', workspace.path, '--json'], { FLEET_GIT_TOKEN_ORIGIN: TOKEN });
    const report = JSON.parse(json.stdout) as { pushed: number; failed: number };
    expect(report).toMatchObject({ pushed: 1, failed: 1 });
    // The refs were asked for once, before the push's code was loaded, and that answer is the one the push used.
    expect(server.requests.slice(before).map((r) => `${r.method} ${r.path.replace(/^\/cli\.git/, '')} ${r.status}`)).toEqual(['GET /info/refs 200', 'POST /git-receive-pack 200']);

    const beforeFetch = server.requests.length;
    const fetched = await cli(['fetch', workspace.path], { FLEET_GIT_TOKEN: TOKEN });
    expect(fetched).toMatchObject({ code: 0, stderr: '' });
    // The fetch too asked once, early, and used that answer (nothing new: no second request).
    expect(server.requests.slice(beforeFetch).map((r) => `${r.method} ${r.path.replace(/^\/cli\.git/, '')} ${r.status}`)).toEqual(['GET /info/refs 200']);
    expect(fetched.stdout).toMatch(/^origin \(http:\/\/127\.0\.0\.1:\d+\/cli\.git\): 0 remote-tracking branches updated$/m);

    const offline = await cli(['fetch', workspace.path, '--remote', 'nowhere'], {});
    expect(offline.code).toBe(1);
    expect(offline.stderr).toMatch(/^error: This repository has no remote called "nowhere"\./);
  });

  it('refuses a remote that does not exist and a folder that is not a repository, with the reason', async () => {
    const workspace = await initialisedWorkspace();
    const unknown = await cli(['push', workspace.path, '--remote', 'nowhere'], { FLEET_GIT_TOKEN: TOKEN });
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toMatch(/^error: This repository has no remote called "nowhere"\./);
    const none = await cli(['push', workspace.path], { FLEET_GIT_TOKEN: TOKEN });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^error: This repository has no remote to push to\./);
    const folder = await cli(['push', `${workspace.path}/web`], { FLEET_GIT_TOKEN: TOKEN });
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/^error: .*web is inside the repository at /);
  });

  it('cancels the push on Ctrl+C: the job stops, the branches are reported queued, and the exit code is 130', async () => {
    const workspace = await initialisedWorkspace();
    server.createBareRepo('interrupted');
    git(workspace.path, 'remote', 'add', 'origin', server.url('interrupted'));
    server.stallWhen = (method, path) => method === 'POST' && path.includes('git-receive-pack');
    try {
      const { child, output, exited } = spawnCli(['push', workspace.path], { ...cliEnv(appData), FLEET_GIT_TOKEN: TOKEN });
      const stalledBefore = server.stalled;
      for (let waited = 0; server.stalled === stalledBefore; waited += 20) {
        if (waited > 30_000) throw new Error(`the push never reached the server: ${output.stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const interrupted = Date.now();
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(Date.now() - interrupted).toBeLessThan(10_000);
      expect(output.stderr).toContain('Cancelling the push… Ctrl+C again to quit at once.');
      expect(output.stdout).toMatch(/^ {2}queued \(retry\) +module\/fleet-hub$/m);
      expect(output.stdout).toMatch(/0 pushed, 0 up to date, 33 failed/);
      // Nothing reached the server's branches.
      expect(git(`${server.root}/interrupted.git`, 'for-each-ref', 'refs/heads/module/')).toBe('');
    } finally {
      server.stallWhen = null;
    }
  });
});
