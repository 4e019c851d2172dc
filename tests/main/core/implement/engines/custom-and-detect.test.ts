// The custom engine (a command template, plain text output, cost unknown, a question on stdin ends it) and the
// detection of engines on PATH with their versions and install hints.

import { writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEngine } from '../../../../../src/main/core/implement/engines/engine-runner';
import { custom, fillTemplate } from '../../../../../src/main/core/implement/engines/custom';
import { detectEngines } from '../../../../../src/main/core/implement/engines/detect';
import { Launcher } from '../../../../../src/main/core/launcher/launcher';
import { cleanupTempDirs, makeTempDir } from '../../../../helpers/git';
import { cleanupOutsideTmp, outsideTmp } from '../../launcher/launch-fixture';
import { processesNaming, standIn } from './stand-in';

afterAll(() => {
  cleanupTempDirs();
  cleanupOutsideTmp();
});

function runCustom(program: string, lines: string[], hang = false) {
  const s = standIn(program, { lines, hang, echoArgs: true });
  return {
    s,
    promise: runEngine({
      engine: custom,
      template: `${program} --task {prompt_file} --dir {workdir} --model {model}`,
      launcher: s.launcher,
      workdir: makeTempDir('fleet-engine-copy-'),
      prompt: 'Implement the module.',
      model: "o'model",
      maxTurns: 10,
      budgetUsd: 1,
      timeoutMs: 20_000,
      hostEnv: s.env,
      home: s.home,
      killGraceMs: 300,
      questionMs: 400,
      onEntries: () => {},
    }),
  };
}

describe('the custom engine', () => {
  it('fills the template with quoted values and shows its plain output as text, cost unknown', async () => {
    const { promise } = runCustom('my-agent', ['Reading the design.', 'Edited src/a.ts.']);
    const result = await promise;
    expect(result.stop).toBe('finished');
    expect(result.costUsd).toBeNull();
    expect(result.message).toContain('cost unknown');
    const text = result.transcript.filter((e) => e.type === 'model').map((e) => (e as { text: string }).text).join('\n');
    expect(text).toContain('Reading the design.\nEdited src/a.ts.');
    // The model name with a quote arrives as one argument.
    expect(text).toContain(`"--model","o'model"`);
  });

  it('refuses a template without {prompt_file}', () => {
    expect(() => fillTemplate('agent --dir {workdir}', { prompt_file: '/p', workdir: '/w', model: 'm' })).toThrow(/\{prompt_file\}/);
  });

  it('ends a CLI that asks a question and waits, saying so, with nothing left running', async () => {
    const { s, promise } = runCustom('asking-agent', ['Overwrite src/a.ts? (y/n)'], true);
    const result = await promise;
    expect(result.stop).toBe('error');
    expect(result.message).toContain('asked an interactive question');
    expect(result.message).toContain('Overwrite src/a.ts? (y/n)');
    expect(processesNaming(s.bin)).toEqual([]);
  });
});

/** A launcher whose host environment is `env` (the CLIs' PATH). */
function detectLauncher(env: NodeJS.ProcessEnv): Launcher {
  return new Launcher({ appDataDirs: [outsideTmp('fleet-engine-appdata-')], workRoot: makeTempDir('fleet-engine-work-'), hostEnv: () => env });
}

describe('engine detection', () => {
  it('finds an engine on PATH with its version and gives the install hint for a missing one', async () => {
    const bin = outsideTmp('fleet-engine-detect-');
    writeFileSync(join(bin, 'claude'), '#!/bin/sh\necho "2.0.31 (Claude Code)"\n');
    chmodSync(join(bin, 'claude'), 0o755);
    const env = { PATH: `${bin}:/usr/bin:/bin` };
    const found = await detectEngines(detectLauncher(env), env, 3000);
    const claude = found.find((e) => e.id === 'claude-code')!;
    expect(claude).toMatchObject({ path: join(bin, 'claude'), version: '2.0.31 (Claude Code)', problem: null, reportsCost: true, canResume: true });
    const codexFound = found.find((e) => e.id === 'codex')!;
    expect(codexFound).toMatchObject({ path: null, version: null, problem: 'codex is not on PATH' });
    expect(codexFound.installHint).toContain('@openai/codex');
    expect(found.find((e) => e.id === 'custom')).toMatchObject({ program: null, problem: null });
  });

  it('says so when a CLI does not answer --version in time', async () => {
    const bin = outsideTmp('fleet-engine-detect-');
    writeFileSync(join(bin, 'codex'), '#!/bin/sh\nexec sleep 30\n');
    chmodSync(join(bin, 'codex'), 0o755);
    const started = Date.now();
    const env = { PATH: `${bin}:/usr/bin:/bin` };
    const found = await detectEngines(detectLauncher(env), env, 300);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(found.find((e) => e.id === 'codex')!.problem).toContain('did not answer');
    expect(processesNaming(bin)).toEqual([]);
  });
});
