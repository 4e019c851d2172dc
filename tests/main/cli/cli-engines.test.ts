// `fleet-control engines` and `implement --engine` as real processes (the built CLI) with a stand-in agent CLI first on
// PATH: the engines listed with versions and install hints, a Claude Code run committed with --commit and checked with
// the git CLI, and the refusals (an unknown engine: exit 2; a cost-unknown engine without --max-minutes: exit 1).

import { execFile } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { parseImplementValues } from '../../../src/main/cli-implement-flags';
import type { EngineInfo } from '../../../src/shared/types-engines';
import { cleanupTempDirs, git, makeTempDir } from '../../helpers/git';
import { cleanupOutsideTmp } from '../core/launcher/launch-fixture';
import { claudeLines, engineStandIn } from '../core/implement/service/engine-stand-in';
import { SOURCE, implementWorkspace } from './implement-fixture';
import { BIN, cliEnv, ensureBuiltCli, type CliResult } from './run-cli';

const notBuilt = ensureBuiltCli();
if (notBuilt) console.warn(`skipping the engines command tests: ${notBuilt}`);

afterAll(() => {
  cleanupTempDirs();
  cleanupOutsideTmp();
});

function fleet(args: string[], home: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { ...cliEnv(home), ...env }, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin!.end();
  });
}

describe('--engine as a flag', () => {
  it('becomes the request\'s engine, and an unknown one is bad usage naming the choices', () => {
    const usage = (message: string) => new Error(message);
    expect(parseImplementValues({ modules: ['fleet-hub'], engine: 'claude-code', 'max-minutes': '5' }, usage).request).toEqual({ modules: ['fleet-hub'], engine: 'claude-code', maxMinutes: 5 });
    expect(() => parseImplementValues({ modules: ['fleet-hub'], engine: 'cursor' }, usage)).toThrow('--engine must be one of builtin, claude-code, codex, gemini, aider, opencode, qwen, custom, got "cursor"');
  });
});

describe.skipIf(notBuilt !== null)('fleet-control engines and implement --engine', () => {
  it('lists the engines (the built-in loop first, a found CLI with its version, a missing one with how to install it)', async () => {
    const cli = engineStandIn('claude', { version: '2.1.0 (Claude Code)', launches: [{ lines: [] }] });
    const home = makeTempDir('fleet-cli-home-');
    const env = { PATH: `${cli.bin}:/usr/bin:/bin`, HOME: cli.home };
    const json = await fleet(['engines', '--json'], home, env);
    expect(json.code).toBe(0);
    const engines = JSON.parse(json.stdout) as EngineInfo[];
    expect(engines[0]!.id).toBe('builtin');
    expect(engines.find((e) => e.id === 'claude-code')).toMatchObject({ version: '2.1.0 (Claude Code)', problem: null });
    expect(engines.find((e) => e.id === 'codex')!.problem).toBe('codex is not on PATH');
    const table = await fleet(['engines'], home, env);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^claude-code +2\.1\.0 \(Claude Code\) +ready \(reports cost, resumes sessions\)$/m);
    expect(table.stdout).toContain('  codex: npm install -g @openai/codex');
  });

  it('runs implement --engine claude-code --yes --commit: the CLI\'s own commit folds into one commit on the module branch, exit 0', async () => {
    const { dir, tip } = await implementWorkspace();
    const cli = engineStandIn('claude', { version: '2.1.0 (Claude Code)', launches: [{ edits: { [SOURCE]: 'export const fixed = true;\n' }, commit: true, lines: claudeLines('sess-cli', 'The page exports the flag.', 0.04) }] });
    const home = makeTempDir('fleet-cli-home-');
    const result = await fleet(['implement', dir, '--modules', 'fleet-hub', '--engine', 'claude-code', '--yes', '--commit', '--trust-commands'], home, { PATH: cli.env.PATH, HOME: cli.home });
    expect(result.stderr).toContain('[fleet-hub] turn 1: The page exports the flag.');
    expect(result.stdout).toContain('committed fleet-hub on module/fleet-hub');
    expect(result.stdout).toMatch(/fleet-hub \[claude-code\]: committed \(finished\), 1 file changed, .*\$0\.04, check passed/);
    expect(result.code).toBe(0);
    const head = git(dir, 'rev-parse', 'module/fleet-hub');
    expect(git(dir, 'rev-parse', `${head}^`)).toBe(tip);
    expect(git(dir, 'show', '--stat', '--format=', head)).toMatch(new RegExp(`^ ${SOURCE.replace(/\//g, '\\/')} \\| 2 \\+-\\n 1 file changed`));
    expect(git(dir, 'log', '-1', '--format=%(trailers:only,unfold)', head)).toContain('Fleet-Engine: claude-code');
  });

  it('refuses an unknown engine with exit 2 and a cost-unknown engine without --max-minutes with exit 1, nothing started', async () => {
    const { dir, tip } = await implementWorkspace();
    const cli = engineStandIn('codex', { version: 'codex-cli 0.46.0', launches: [{ lines: [] }] }, ['.codex']);
    const home = makeTempDir('fleet-cli-home-');
    const env = { PATH: cli.env.PATH, HOME: cli.home };
    const unknown = await fleet(['implement', dir, '--modules', 'fleet-hub', '--engine', 'cursor'], home, env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--engine must be one of');
    const uncapped = await fleet(['implement', dir, '--modules', 'fleet-hub', '--engine', 'codex', '--yes', '--trust-commands'], home, env);
    expect(uncapped.code).toBe(1);
    expect(uncapped.stderr).toContain('Codex reports no cost');
    expect(uncapped.stderr).toContain('--max-minutes');
    const estimate = await fleet(['implement', dir, '--modules', 'fleet-hub', '--engine', 'codex', '--max-minutes', '5'], home, env);
    expect(estimate.code).toBe(0);
    expect(estimate.stdout).toContain('engine codex (its own default model), cost unknown');
    expect(git(dir, 'rev-parse', 'module/fleet-hub')).toBe(tip);
  });
});
