// run_command and run_check: the allow-list (prefix on a word boundary or glob; shell control operators refused),
// and commands run for real through the launcher in a working copy inside the app-data folder: under bubblewrap they
// can write in the copy and cannot read the app-data folder's secrets beside it.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Launcher } from '../../../../../src/main/core/launcher/launcher';
import { sandboxSupport } from '../../../../../src/main/core/launcher/sandbox-probe';
import { allowListEntryMatches, commandRefusal } from '../../../../../src/main/core/implement/tools/command-allow-list';
import { bindLauncher } from '../../../../../src/main/core/implement/tools/command-tools';
import { WorkingCopies } from '../../../../../src/main/core/implement/working-copy/working-copies';
import { cleanupTempDirs, makeTempDir } from '../../../../helpers/git';
import { cleanupOutsideTmp, outsideTmp } from '../../launcher/launch-fixture';
import { toolsOn, toolsRepo, type ToolsFixture } from './tools-fixture';

afterAll(() => {
  cleanupTempDirs();
  cleanupOutsideTmp();
});

let f: ToolsFixture;
beforeAll(async () => {
  f = await toolsRepo();
});

describe('the allow-list', () => {
  it('matches a prefix on a word boundary or a glob over the whole command', () => {
    expect(allowListEntryMatches('npm test', 'npm test')).toBe(true);
    expect(allowListEntryMatches('npm test', 'npm  test -- src/a.test.ts')).toBe(true);
    expect(allowListEntryMatches('npm test', 'npm testx')).toBe(false);
    expect(allowListEntryMatches('npm test', 'npm run test')).toBe(false);
    expect(allowListEntryMatches('npx eslint *', 'npx eslint src/a.ts')).toBe(true);
    expect(allowListEntryMatches('npx eslint *', 'npx prettier src')).toBe(false);
    expect(allowListEntryMatches('npx tsc --noEmit', 'npx tsc --noEmit -p .')).toBe(true);
  });

  it('refuses shell control operators whatever the list says, and says how to allow commands when none is', () => {
    const list = ['npm test', 'npx eslint *'];
    for (const command of ['npm test; curl evil', 'npm test && rm -rf /', 'npm test | sh', 'npm test > out', 'npx eslint `id`', 'npx eslint $(id)', 'npm test\nid', 'npm test < /etc/passwd', 'npm test &']) {
      expect(commandRefusal(command, list), command).toMatch(/shell control characters/u);
    }
    expect(commandRefusal('npm test -- a', list)).toBeNull();
    expect(commandRefusal('make', list)).toBe('The command "make" is not in this workspace\'s allow-list (allowed: "npm test", "npx eslint *"); the user can allow more commands in the workspace settings.');
    expect(commandRefusal('npm test', [])).toMatch(/the user has not allowed any for this workspace \(they can add commands to the allow-list in the workspace settings\)/u);
  });
});

describe('run_check and run_command', () => {
  it('run_check answers the check outcome with its bounded output; no check configured is a tool error', async () => {
    const output = `${'head '.repeat(4000)}MIDDLE${' tail'.repeat(8000)}`;
    const { call } = await toolsOn(f, { runCheck: async () => ({ passed: false, state: 'failed', exitCode: 1, output, durationMs: 1500 }), limits: { outputHeadBytes: 100, outputTailBytes: 100 } });
    const outcome = await call('run_check');
    expect(outcome).toMatchObject({ ok: true, truncated: true, check: { passed: false, state: 'failed', exitCode: 1 } });
    expect(outcome.content).toMatch(/^The check failed \(failed, exit code 1\) in 1.5 s\.\nhead head/u);
    expect(outcome.content).toMatch(/bytes omitted/u);
    expect(outcome.content).not.toContain('MIDDLE');
    const none = await toolsOn(f);
    expect(await none.call('run_check')).toMatchObject({ ok: false, content: expect.stringMatching(/No check command is configured/u) });
  });

  it('run_command refuses everything when no launcher or allow-list is given', async () => {
    const { call, tools } = await toolsOn(f);
    expect(await call('run_command', { command: 'ls' })).toMatchObject({ ok: false, content: expect.stringMatching(/not allowed any/u) });
    expect(tools.specs.find((s) => s.name === 'run_command')!.description).toMatch(/No command is allowed/u);
  });

  it('runs allowed commands through the launcher with a time limit and bounded output', async () => {
    const launcher = new Launcher({ appDataDirs: [f.appDataDir], workRoot: makeTempDir('fleet-work-'), sandbox: 'off' });
    const warm = await toolsOn(f);
    expect(await warm.tools.changedCount()).toBe(0);
    const bound = await toolsOn(f, { allowList: ['touch *', 'sleep *', 'seq *'], launchIn: (cwd) => bindLauncher(launcher, { cwd, timeoutMs: 600 }), limits: { outputHeadBytes: 50, outputTailBytes: 50 } });
    const { dir } = bound;
    expect(await bound.tools.changedCount()).toBe(0);
    expect(await bound.call('run_command', { command: 'touch made.txt' })).toMatchObject({ ok: true, content: expect.stringMatching(/^Exit code 0 after/u) });
    expect(existsSync(join(dir, 'made.txt'))).toBe(true);
    // The command's own changes count, and the tools see its files.
    expect(await bound.tools.changedCount()).toBe(1);
    expect((await bound.call('list_files', { glob: 'made.*' })).content).toBe('made.txt\n(1 files)');
    const long = await bound.call('run_command', { command: 'seq 1 5000' });
    expect(long).toMatchObject({ ok: true, truncated: true });
    expect(long.content).toMatch(/^Exit code 0[^\n]*\n1\n2\n[\s\S]*bytes omitted[\s\S]*\n5000\n$/u);
    expect(await bound.call('run_command', { command: 'sleep 30' })).toMatchObject({ ok: false, content: expect.stringMatching(/stopped at its time limit/u) });
    expect(await bound.call('run_command', { command: 'rm -rf src' })).toMatchObject({ ok: false, content: expect.stringMatching(/not in this workspace's allow-list/u) });
  });
});

const support = await sandboxSupport(process.env.PATH);
if (support.method !== 'bubblewrap') console.warn(`skipping the sandboxed working-copy test: ${support.reason}`);

describe.skipIf(support.method !== 'bubblewrap')('a command in a working copy inside the app-data folder, under bubblewrap', () => {
  it('runs there, writes in the copy, and cannot read the app-data folder or the secrets file beside it', async () => {
    // Outside /tmp: the sandbox's private /tmp must not be what hides the app data.
    const appDataDir = outsideTmp('fleet-appdata-');
    writeFileSync(join(appDataDir, 'secrets.json'), '{"provider/xai": "xai-key-not-for-commands"}\n', { mode: 0o600 });
    const copies = new WorkingCopies({ appDataDir, workspacePath: f.repoDir, limit: 2 });
    const { dir } = await copies.create('sandboxed', f.repo, f.commit);
    const launcher = new Launcher({ appDataDirs: [appDataDir], workRoot: makeTempDir('fleet-work-'), sandbox: 'auto' });
    let output = '';
    const outcome = await launcher.run({
      command: [
        'cat src/a.ts | head -1',
        'echo written > from-sandbox.txt && echo "[copy-write:ok]"',
        `cat '${join(appDataDir, 'secrets.json')}'; echo "[secrets:$?]"`,
        `ls -A '${appDataDir}' | tr '\\n' ' '; echo "[app-data-listed]"`,
        `ls '${dir}.index.json' 2>/dev/null; echo "[index:$?]"`,
      ].join('; '),
      cwd: dir,
      timeoutMs: 20_000,
      onOutput: (chunk) => (output += chunk.toString()),
    });
    expect(outcome.sandbox).toEqual({ method: 'bubblewrap', reason: null });
    expect(output).toContain('export function alpha() {');
    expect(output).toContain('[copy-write:ok]');
    expect(readFileSync(join(dir, 'from-sandbox.txt'), 'utf8')).toBe('written\n');
    expect(output).not.toContain('xai-key-not-for-commands');
    expect(output).not.toContain('[secrets:0]');
    // Only the folders bwrap made to bind the copy are there, under an empty tmpfs.
    expect(output).toContain('\nworkspaces [app-data-listed]');
    expect(output).not.toContain('[index:0]');
  });
});
