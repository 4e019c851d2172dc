import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { generateDemoRepository } from '../../../src/main/core/demo/demo-repo';
import { workspaceDataDir } from '../../../src/main/core/paths';
import { cleanupTempDirs, git, gitBuffer, makeTempDir } from '../../helpers/git';
import { openAiError, openAiStream, startProviderServer, type ProviderServer, type RecordedRequest } from '../../helpers/provider-servers';
import { BIN, cliEnv, ensureBuiltCli, type CliResult } from './run-cli';

const notBuilt = ensureBuiltCli();
if (notBuilt) console.warn(`skipping the CLI run tests: ${notBuilt}`);

const KEY = 'sk-cli-test-key-0123456789abcdef';
let server: ProviderServer;
let template: string;

beforeAll(async () => {
  server = await startProviderServer();
  template = join(makeTempDir('fleet-cli-demo-'), 'fleetops');
  await generateDemoRepository(template);
});
afterAll(async () => {
  await server.close();
  cleanupTempDirs();
});

/** A fresh clone of the demo repository, initialised by the CLI itself. */
async function initialisedRepo(home: string): Promise<string> {
  const repo = join(makeTempDir('fleet-cli-repo-'), 'fleetops');
  git(join(repo, '..'), 'clone', '-q', '--no-local', template, repo);
  expect((await fleet(['init', repo], home)).code).toBe(0);
  return repo;
}

function fleet(args: string[], home: string, stdin?: string, env: NodeJS.ProcessEnv = { OPENAI_API_KEY: KEY }): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { ...cliEnv(home), ...env }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    if (stdin !== undefined) child.stdin!.end(stdin);
    else child.stdin!.end();
  });
}

/** A commit of `path` on `branch` made by another process (fast-import: no working tree involved). */
function commitOnBranch(repo: string, branch: string, path: string, text: string): string {
  const message = `edit ${path} from a terminal\n`;
  const data = (value: string): string => `data ${Buffer.byteLength(value)}\n${value}\n`;
  const stream = `commit refs/heads/${branch}\ncommitter Other <other@example.com> ${Math.floor(Date.now() / 1000)} +0000\n${data(message)}from refs/heads/${branch}^0\nM 100644 inline ${path}\n${data(text)}\ndone\n`;
  gitBuffer(repo, ['fast-import', '--quiet', '--done'], stream);
  return git(repo, 'rev-parse', `refs/heads/${branch}`);
}

const args = (repo: string, ...extra: string[]): string[] => ['run', repo, '--doc', 'as-is', '--modules', 'fleet-hub,drivers-hub', '--provider', 'openai', '--model', 'gpt-4.1-mini', '--base-url', server.baseUrl, ...extra];

describe.skipIf(notBuilt !== null)('fleet-control run', () => {
  it('runs a batch with --yes against an OpenAI-compatible server given by --base-url, commits with trailers, prints totals', async () => {
    const home = makeTempDir('fleet-cli-home-');
    const repo = await initialisedRepo(home);
    server.reset();
    const result = await fleet(args(repo, '--yes', '--commit', '--concurrency', '2', '--budget', '1'), home);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^MODULE\s+DOC\s+FILES\s+IN\s+OUT\s+COST/m);
    expect(result.stdout).toMatch(/^fleet-hub\s+as-is\s+6\/6\s+\d+/m);
    expect(result.stdout).toMatch(/2 runs with OpenAI gpt-4\.1-mini, about [\d.]+k tokens, about \$0\.\d\d \(at most \$0\.\d\d\); batch budget \$1\.00\./);
    expect(result.stdout).toMatch(/runs 2: 2 succeeded, 0 failed, 0 skipped, 0 cancelled/);
    expect(result.stdout).toMatch(/tokens \d+ in, \d+ out; cost \$0\.\d+/);
    expect(result.stderr).toMatch(/done: fleet-hub as-is \(\d+ in, \d+ out/);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(`${result.stdout}${result.stderr}`).not.toContain(KEY);

    for (const moduleId of ['fleet-hub', 'drivers-hub']) {
      expect(result.stdout).toMatch(new RegExp(`committed ${moduleId} as-is on module/${moduleId} as [0-9a-f]{10}`));
      const message = git(repo, 'log', '-1', '--format=%B', `module/${moduleId}`);
      expect(message).toMatch(/^Fleet-Run: [0-9a-f-]{36}$/m);
      expect(message).toContain('Fleet-Provider: openai');
      expect(message).toContain('Fleet-Model: gpt-4.1-mini');
      expect(message).toMatch(/^Fleet-Prompt-Hash: sha256:[0-9a-f]{64}$/m);
      expect(message).toMatch(/^Fleet-Tokens: in=\d+ out=\d+$/m);
      expect(message).toMatch(/^Fleet-Cost: 0\.\d{6} USD$/m);
      expect(git(repo, 'show', `module/${moduleId}:enhancements/${moduleId}/AS_IS_ANALYSIS.md`)).toContain('written by the loopback test server');
    }
  });

  it('commits with --commit onto the branch as it is after the run: another document committed meanwhile stays under it; the same document changed meanwhile is refused and its draft kept', async () => {
    const home = makeTempDir('fleet-cli-home-');
    const repo = await initialisedRepo(home);
    server.reset();
    // While each run waits for its answer, another process commits to its module branch: fleet-hub's TO-BE (another
    // document), drivers-hub's AS-IS (the very document the run writes).
    const moved = new Map<string, string>();
    const answer = (request: RecordedRequest) => {
      const moduleId = JSON.stringify(request.body.messages).includes('(fleet-hub)') ? 'fleet-hub' : 'drivers-hub';
      const path = `enhancements/${moduleId}/${moduleId === 'fleet-hub' ? 'TO_BE_DESIGN.md' : 'AS_IS_ANALYSIS.md'}`;
      moved.set(moduleId, commitOnBranch(repo, `module/${moduleId}`, path, `# ${moduleId}\n\nWritten in a terminal during the run.\n`));
      return openAiStream(`# ${moduleId}\n\nThis analysis was written by the loopback test server.\n`);
    };
    server.script(answer, answer);
    const result = await fleet(args(repo, '--yes', '--commit', '--concurrency', '1'), home);
    expect(moved.size).toBe(2);
    expect(result.stdout).toMatch(/committed fleet-hub as-is on module\/fleet-hub as [0-9a-f]{10}/);
    expect(git(repo, 'rev-parse', 'module/fleet-hub^')).toBe(moved.get('fleet-hub'));
    expect(git(repo, 'show', 'module/fleet-hub:enhancements/fleet-hub/AS_IS_ANALYSIS.md')).toContain('written by the loopback test server');
    expect(git(repo, 'show', 'module/fleet-hub:enhancements/fleet-hub/TO_BE_DESIGN.md')).toContain('Written in a terminal during the run.');
    expect(result.stdout).toContain('not committed: drivers-hub as-is: drivers-hub as-is changed on module/drivers-hub while the run worked; the draft is kept');
    expect(git(repo, 'rev-parse', 'module/drivers-hub')).toBe(moved.get('drivers-hub'));
    expect(readdirSync(join(workspaceDataDir(home, repo), 'drafts')).some((name) => name.includes('drivers-hub'))).toBe(true);
    expect(result.code).toBe(1);
  });

  it('asks for approval on stdin and runs nothing when it is refused', async () => {
    const home = makeTempDir('fleet-cli-home-');
    const repo = await initialisedRepo(home);
    server.reset();
    const result = await fleet(args(repo), home, 'n\n');
    expect(result.stderr).toContain('Approve? [y/N]');
    expect(result.stdout).toContain('Not approved: nothing ran.');
    expect(result.code).toBe(1);
    expect(server.requests).toHaveLength(0);
  });

  it('says why the batch cannot start (no key for the provider) under the estimate and exits 1, asking nothing and sending nothing, with or without --yes', async () => {
    const home = makeTempDir('fleet-cli-home-');
    const repo = await initialisedRepo(home);
    for (const extra of [[], ['--yes']]) {
      server.reset();
      const result = await fleet(args(repo, ...extra), home, 'y\n', {});
      expect(result.code, extra.join(' ')).toBe(1);
      expect(result.stdout).toMatch(/^fleet-hub\s+as-is\s+6\/6\s+\d+/m);
      expect(result.stderr).toMatch(/^error: cannot start: .*OPENAI_API_KEY/m);
      expect(result.stderr).not.toContain('Approve?');
      expect(server.requests).toHaveLength(0);
    }
  });

  it('exits 1 and names the failure when the provider refuses the key', async () => {
    const home = makeTempDir('fleet-cli-home-');
    const repo = await initialisedRepo(home);
    server.reset();
    // Both runs start at once: whichever request comes first, fleet-hub's is the one refused.
    const answer = (request: RecordedRequest) =>
      JSON.stringify(request.body.messages).includes('(fleet-hub)') ? openAiError(401, `Incorrect API key provided: ${KEY}.`, 'invalid_api_key') : openAiStream('# Drivers Hub\n\nfine\n');
    server.script(answer, answer);
    const result = await fleet(args(repo, '--yes'), home);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Batch [0-9a-f-]+: stopped \(OpenAI refused the key \(HTTP 401\)/);
    expect(result.stdout).toMatch(/failed: fleet-hub as-is: OpenAI refused the key/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(KEY);
  });

  it('runs the offline analyzer by default, with no key and no network', async () => {
    const home = makeTempDir('fleet-cli-home-');
    const repo = await initialisedRepo(home);
    const result = await fleet(['run', repo, '--doc', 'as-is', '--modules', 'fleet-hub', '--yes'], home);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/1 run with Offline analyzer \(built in\) as-is-analyzer, no cost \(offline\)\./);
    expect(result.stdout).toContain('Drafts are saved');
  });

  it('exits 1 naming the other process when another Fleet Control process runs this workspace\'s batches', async () => {
    const home = makeTempDir('fleet-cli-home-');
    const repo = await initialisedRepo(home);
    server.reset();
    // A live process that is not this one holds the workspace's batch lock (as the desktop app would).
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const lockDir = join(workspaceDataDir(home, repo), 'agents');
      mkdirSync(lockDir, { recursive: true });
      writeFileSync(join(lockDir, 'batches.lock'), JSON.stringify({ pid: other.pid, host: hostname(), processStartedAt: new Date().toISOString(), acquiredAt: new Date().toISOString(), owner: 'desktop' }));
      const result = await fleet(args(repo, '--yes'), home);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`error: Batches for this workspace are running in another Fleet Control process (pid ${other.pid}, started `);
      expect(server.requests).toHaveLength(0);
    } finally {
      other.kill();
    }
  });

  it('exits 2 for bad run usage', async () => {
    const home = makeTempDir('fleet-cli-home-');
    for (const [extra, pattern] of [
      [['--modules', 'a'], /run needs --doc/],
      [['--doc', 'as-was', '--all'], /--doc must be one of as-is, to-be/],
      [['--doc', 'as-is'], /run needs --modules a,b or --all/],
      [['--doc', 'as-is', '--all', '--budget', 'lots'], /--budget must be a number/],
    ] as Array<[string[], RegExp]>) {
      const result = await fleet(['run', '/tmp', ...extra], home);
      expect(result.code, extra.join(' ')).toBe(2);
      expect(result.stderr).toMatch(pattern);
    }
  });
});

