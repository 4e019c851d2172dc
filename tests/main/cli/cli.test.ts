import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { get } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import type { BoardState } from '../../../src/shared/types';
import { cleanupTempDirs, commitFiles, git, initRepo, makeTempDir } from '../../helpers/git';
import { BIN, ROOT, ensureBuiltCli, runCli, startServe } from './run-cli';

const notBuilt = ensureBuiltCli();
if (notBuilt) console.warn(`skipping the CLI tests: ${notBuilt}`);
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let appData: string;
beforeAll(() => {
  appData = makeTempDir('fleet-cli-home-');
});
afterAll(cleanupTempDirs);

function expectOneErrorLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe.skipIf(notBuilt !== null)('fleet-control, the command line', () => {
  it('prints its usage for --help and its version for --version', async () => {
    const help = await runCli(['--help'], appData);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: fleet-control <command>/);
    for (const command of ['serve [--port N] [--host ADDR] [<repo>]', 'init <repo> [--base BRANCH]', 'status <repo> [--json]']) expect(help.stdout).toContain(command);
    expect(await runCli(['--version'], appData)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('exits 2 with one line for bad usage', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /no command/],
      [['teleport'], /unknown command "teleport"/],
      [['status'], /status needs the path of a repository/],
      [['status', '/tmp', '--port', '80'], /status does not take --port/],
      [['serve', '--port', 'eighty'], /--port must be a number/],
      [['init', '/tmp', '--frobnicate'], /Unknown option '--frobnicate'/],
      [['status', 'a', 'b'], /one repository path/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args, appData)));
    for (const [index, [args, pattern]] of cases.entries()) {
      const result = results[index] as Awaited<ReturnType<typeof runCli>>;
      expect(result.code, args.join(' ')).toBe(2);
      expectOneErrorLine(result.stderr, pattern);
      expect(result.stdout).toBe('');
    }
  });

  it('exits 1 with one line and no stack trace when status is given a folder that is not a repository', async () => {
    const folder = makeTempDir('fleet-not-a-repo-');
    const result = await runCli(['status', folder], appData);
    expect(result.code).toBe(1);
    expectOneErrorLine(result.stderr, /not a git repository/);
    const missing = await runCli(['status', join(folder, 'nowhere')], appData);
    expect(missing.code).toBe(1);
    expectOneErrorLine(missing.stderr, /does not exist/);
  });

  it('initialises a repository, then shows its board as JSON and as a table, without touching HEAD', async () => {
    const repo = initRepo();
    const head = commitFiles(repo, { 'web/src/pages/FleetPage.tsx': 'export {}\n', 'api/src/routes/drivers.ts': 'export {}\n' }, 'first');

    const init = await runCli(['init', repo, '--base', 'main'], appData);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('module branches: 32 created, 0 already there');
    expect(init.stderr).toMatch(/^\[0\/33\] /m);
    expect(init.stderr).toMatch(/^\[33\/33\] /m);
    expect(git(repo, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/module/').split('\n')).toHaveLength(32);
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(repo, 'status', '--porcelain')).toBe('');

    const json = await runCli(['status', repo, '--json'], appData);
    expect(json.code, json.stderr).toBe(0);
    const board = JSON.parse(json.stdout) as BoardState;
    expect(board.workspace.initialised).toBe(true);
    expect(board.modules).toHaveLength(32);
    const fleetHub = board.modules.find((m) => m.id === 'fleet-hub');
    expect(fleetHub).toMatchObject({ branchExists: true, ahead: 1, behind: 0, matchedFiles: 1 });
    expect(fleetHub?.docs.map((d) => d.state)).toEqual(['template', 'template', 'template', 'template', 'template']);

    const table = await runCli(['status', repo], appData);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/MODULE\s+PHASE\s+AS-IS\s+TO-BE/);
    expect(table.stdout).toMatch(/^ {2}fleet-hub\s+analysis\s+template\s+template\s+template\s+template\s+template\s+\+1 -0\s+1$/m);

    const again = await runCli(['init', repo], appData);
    expect(again.stdout).toContain('module branches: 0 created, 32 already there');
  });

  it('says to run init when status shows a repository that is not initialised', async () => {
    const repo = initRepo();
    commitFiles(repo, { 'README.md': '# x\n' }, 'first');
    const result = await runCli(['status', repo], appData);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {2}fleet-hub\s+analysis\s+missing.*no branch/m);
    expect(result.stdout).toContain(`run \`fleet-control init ${repo}\``);
  });

  it('names the command in the one error line when an object the board needs is missing', async () => {
    const repo = initRepo();
    commitFiles(repo, { 'web/src/pages/FleetPage.tsx': 'export {}\n' }, 'first');
    expect((await runCli(['init', repo], appData)).code).toBe(0);
    const tree = git(repo, 'rev-parse', 'module/fleet-hub:enhancements/fleet-hub');
    rmSync(join(repo, '.git', 'objects', tree.slice(0, 2), tree.slice(2)));
    const result = await runCli(['status', repo], appData);
    expect(result.code).toBe(1);
    expectOneErrorLine(result.stderr, new RegExp(`The object ${tree} is missing from the repository\\. The operation "fleet-control status" needs it\\.`));
  });

  it('serves a repository to the browser with one line carrying a single-use link, and stops cleanly on Ctrl+C', async () => {
    const repo = initRepo();
    commitFiles(repo, { 'README.md': '# x\n' }, 'first');
    const { child, url, line } = await startServe(['--port', '0', repo], appData);
    try {
      expect(line).toMatch(/^Fleet Control is serving fleet-repo-\w+ at http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43} .*opens one tab, once/);
      const load = () =>
        new Promise<{ status: number; body: string }>((resolve, reject) =>
          get(url, (res) => {
            let body = '';
            res.on('data', (chunk: Buffer) => (body += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          }).on('error', reject),
        );
      const first = await load();
      expect(first.status).toBe(200);
      expect(first.body).toMatch(/<meta name="fleet-session" content="[\w-]{43}"/);
      expect((await load()).status).toBe(410);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
  });

  it('exits 1 with one line, instead of hanging, when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const result = await runCli(['serve', '--port', String(port)], appData);
      expect(result.code).toBe(1);
      expectOneErrorLine(result.stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      blocker.close();
    }
  });

  it('tells the user to build when out/main/cli.js is missing', async () => {
    const copy = makeTempDir('fleet-unbuilt-');
    mkdirSync(join(copy, 'bin'));
    copyFileSync(BIN, join(copy, 'bin', 'fleet-control.cjs'));
    const result = await runCli(['--help'], appData, join(copy, 'bin', 'fleet-control.cjs'));
    expect(result.code).toBe(1);
    expectOneErrorLine(result.stderr, /npm run build/);
  });
});
