// `fleet-control implement` as a real process (the built CLI) on a real repository, against a loopback
// OpenAI-compatible server that scripts whole tool-calling sessions; results checked with the git CLI.

import { execFile, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleetApp } from '../../../src/main/core/app';
import { cleanupTempDirs, git, makeTempDir } from '../../helpers/git';
import { startProviderServer, type ProviderServer } from '../../helpers/provider-servers';
import { filesBelow, forbiddenForms, leaks } from '../core/secrets/leak-check';
import { workTreeSnapshot } from '../core/checks/check-fixture';
import { CHECK_COMMAND, SOURCE, finishTurn, implementWorkspace, toolTurn } from './implement-fixture';
import { BIN, cliEnv, ensureBuiltCli, type CliResult } from './run-cli';

const notBuilt = ensureBuiltCli();
if (notBuilt) console.warn(`skipping the implement command tests: ${notBuilt}`);

const KEY = 'sk-cli-implement+Key/0123456789=zz';
let server: ProviderServer;

beforeAll(async () => {
  // A model that has nothing more to do finishes: repair rounds after a failing check end at once.
  server = await startProviderServer(() => finishTurn('Nothing more to change.'));
});
afterAll(async () => {
  await server.close();
  cleanupTempDirs();
});

function fleet(args: string[], home: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { ...cliEnv(home), OPENAI_API_KEY: KEY }, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin!.end();
  });
}

const implement = (repo: string, ...extra: string[]): string[] => ['implement', repo, '--modules', 'fleet-hub', '--provider', 'openai', '--model', 'gpt-4.1-mini', '--base-url', server.baseUrl, ...extra];

/** The session of a model that reads the page, edits it to `content` and finishes. */
function scriptEdit(content: string): void {
  server.script(
    toolTurn([{ name: 'read_file', args: { path: SOURCE } }, { name: 'search', args: { pattern: 'export' } }], 'Reading the page first.'),
    toolTurn([{ name: 'edit_file', args: { path: SOURCE, old_text: 'export {}', new_text: content } }]),
    finishTurn('The page exports the flag.'),
  );
}

function noKeyIn(results: CliResult[], home: string): void {
  const outputs = results.flatMap((r, i) => [
    { where: `run ${i} stdout`, text: r.stdout },
    { where: `run ${i} stderr`, text: r.stderr },
  ]);
  expect(leaks([...outputs, ...filesBelow(home)], forbiddenForms(KEY))).toEqual([]);
}

describe.skipIf(notBuilt !== null)('fleet-control implement', () => {
  it('prints the estimate without --yes and starts nothing', async () => {
    const { dir, tip } = await implementWorkspace();
    const home = makeTempDir('fleet-cli-home-');
    server.reset();
    const result = await fleet(implement(dir, '--budget', '2', '--max-turns', '12'), home);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^MODULE\s+CONTEXT\s+COST/m);
    expect(result.stdout).toMatch(/^fleet-hub\s+\d+\s+\$[\d.]+ - \$[\d.]+/m);
    expect(result.stdout).toMatch(/^1 run, \$[\d.]+ - \$[\d.]+; at most 12 turns a run, batch budget \$2\.00/m);
    expect(result.stdout).toContain('Nothing started: add --yes to start these runs.');
    expect(server.requests).toHaveLength(0);
    expect(git(dir, 'rev-parse', 'module/fleet-hub')).toBe(tip);
    noKeyIn([result], home);
  });

  it('with --yes --commit streams the transcript, commits a run whose check passed on module/<id> with trailers, exits 0', async () => {
    const { dir, tip } = await implementWorkspace();
    const before = workTreeSnapshot(dir);
    const home = makeTempDir('fleet-cli-home-');
    server.reset();
    scriptEdit('export const fixed = true;\n');
    const result = await fleet(implement(dir, '--yes', '--commit', '--trust-commands', '--max-turns', '10'), home);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    // The transcript: the model's turns, the tool calls with their short arguments and outcome, the check.
    expect(result.stderr).toMatch(/^\[fleet-hub\] turn 1: Reading the page first\.\s+\[1200 in, 40 out/m);
    expect(result.stderr).toContain(`[fleet-hub]   read_file(${SOURCE}) ok`);
    expect(result.stderr).toContain('[fleet-hub]   search("export") ok');
    expect(result.stderr).toContain(`[fleet-hub]   edit_file(${SOURCE}) ok`);
    expect(result.stderr).toMatch(/^\[fleet-hub\] check round \d: passed/m);
    expect(result.stdout).toMatch(/^committed fleet-hub on module\/fleet-hub as [0-9a-f]{10}$/m);
    expect(result.stdout).toMatch(/^fleet-hub: committed \(finished\), 1 file changed, 3 turns, 4 tool calls, tokens \d+ in, \d+ out, \$[\d.]+, check passed/m);
    expect(server.requests.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);

    const head = git(dir, 'rev-parse', 'module/fleet-hub');
    expect(git(dir, 'rev-parse', `${head}^`)).toBe(tip);
    expect(git(dir, 'diff', '--name-only', tip, head)).toBe(SOURCE);
    expect(git(dir, 'show', `${head}:${SOURCE}`)).toBe('export const fixed = true;');
    const message = git(dir, 'log', '-1', '--format=%B', head);
    expect(message).toMatch(/^Fleet-Run: \S+$/m);
    expect(message).toMatch(/^Fleet-Provider: openai$/m);
    expect(message).toMatch(/^Fleet-Model: gpt-4\.1-mini$/m);
    expect(message).toMatch(/^Fleet-Turns: 3$/m);
    expect(message).toMatch(/^Fleet-Check: passed/m);
    expect(workTreeSnapshot(dir)).toEqual(before);
    noKeyIn([result], home);
  });

  it('leaves a run whose check fails uncommitted without --commit-failing and exits 1', async () => {
    const { dir, tip } = await implementWorkspace();
    const home = makeTempDir('fleet-cli-home-');
    server.reset();
    scriptEdit('export const broken = true;\n');
    const result = await fleet(implement(dir, '--yes', '--commit', '--trust-commands', '--max-turns', '10'), home);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(1);
    expect(result.stderr).toMatch(/^\[fleet-hub\] check round \d: failed \(exit 1\)/m);
    expect(result.stdout).toMatch(/^not committed: fleet-hub: its check failed \(--commit-failing commits it anyway\)$/m);
    expect(result.stdout).toMatch(/^fleet-hub: review \(finished\), 1 file changed, .*check failed/m);
    expect(result.stdout).toContain('Waiting for review: fleet-hub.');
    expect(git(dir, 'rev-parse', 'module/fleet-hub')).toBe(tip);
    noKeyIn([result], home);
  });

  it('refuses a bad flag naming it with exit code 2, before anything runs', async () => {
    const { dir } = await implementWorkspace();
    const home = makeTempDir('fleet-cli-home-');
    server.reset();
    const cases: Array<[string[], RegExp]> = [
      [['implement', dir], /implement needs --modules a,b or --approved/],
      [['implement', dir, '--modules', 'fleet-hub', '--max-turns', 'lots'], /--max-turns must be a whole number from 1 to 500, got "lots"/],
      [['implement', dir, '--modules', 'fleet-hub', '--budget', '1e3'], /--budget must be a number of dollars such as 2\.50, got "1e3"/],
      [['implement', dir, '--modules', 'Fleet Hub'], /--modules \("Fleet Hub"\) must be a lowercase slug/],
      [['implement', dir, '--modules', 'fleet-hub', '--all'], /implement does not take --all/],
      [['implement', dir, '--modules', 'fleet-hub', '--turns', '3'], /Unknown option '--turns'/],
    ];
    for (const [args, message] of cases) {
      const result = await fleet(args, home);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
    }
    expect(server.requests).toHaveLength(0);
  }, 60_000);

  it('cancels the runs on Ctrl+C (SIGINT), keeps the change made so far for review and exits 130', async () => {
    const { dir, tip } = await implementWorkspace();
    const home = makeTempDir('fleet-cli-home-');
    server.reset();
    server.script(toolTurn([{ name: 'edit_file', args: { path: SOURCE, old_text: 'export {}', new_text: 'export const half = 1;' } }]), { type: 'stream', frames: ['hang'] });
    const child = spawn(process.execPath, [BIN, ...implement(dir, '--yes', '--trust-commands')], { env: { ...cliEnv(home), OPENAI_API_KEY: KEY }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const hanging = new Promise<void>((resolve) => {
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        if (stderr.includes(`edit_file(${SOURCE}) ok`)) resolve();
      });
      child.once('exit', () => resolve());
    });
    await hanging;
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code, `${stdout}\n${stderr}`).toBe(130);
    expect(stderr).toContain('Cancelling the runs (changes made so far stay for review)');
    expect(stdout).toMatch(/^fleet-hub: review \(cancelled\), 1 file changed/m);
    expect(stdout).toContain('Waiting for review: fleet-hub.');
    expect(git(dir, 'rev-parse', 'module/fleet-hub')).toBe(tip);
    // The run's record says its working copy is still there, with the tip it started from, for review in the app.
    const app = createFleetApp({ appDataDir: home, transport: 'browser', version: 't', watch: false, log: () => undefined });
    try {
      await app.openWorkspace(dir);
      const [run] = await app.handlers.listImplementRuns({ moduleId: 'fleet-hub' });
      expect(run).toMatchObject({ state: 'review', stop: 'cancelled', changedFiles: 1, workingCopy: true, startTip: tip });
      expect((await app.handlers.workingCopyUsage({})).count).toBe(1);
    } finally {
      await app.dispose();
    }
    noKeyIn([{ code: code ?? 1, stdout, stderr }], home);
  });

  it('the check command needs consent: without --trust-commands and no terminal, nothing runs', async () => {
    const { dir } = await implementWorkspace();
    const home = makeTempDir('fleet-cli-home-');
    server.reset();
    const result = await fleet(implement(dir, '--yes'), home);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`check (every module): ${CHECK_COMMAND}`);
    expect(result.stderr).toMatch(/Pass --trust-commands to confirm it/);
    expect(server.requests).toHaveLength(0);
  });
});
