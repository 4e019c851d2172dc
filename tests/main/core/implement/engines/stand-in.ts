// Stand-in agent CLIs for the engine tests: a small node script, written into a folder of its own outside /tmp (the
// sandbox gives commands a private /tmp) and put first on PATH, that replays a CLI's documented output line by line,
// then exits with a code, hangs (with a child of its own) or waits on stdin; and running an adapter against one.

import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runEngine, type EngineRunRequest, type EngineRunResult } from '../../../../../src/main/core/implement/engines/engine-runner';
import type { EngineAdapter } from '../../../../../src/main/core/implement/engines/types';
import { Launcher } from '../../../../../src/main/core/launcher/launcher';
import { makeTempDir } from '../../../../helpers/git';
import { outsideTmp } from '../../launcher/launch-fixture';

export interface Script {
  /** Lines printed on stdout, in order (a string is printed as is, so malformed lines can be given). */
  lines: Array<string | object>;
  /** Printed on stderr first: the argv and what stdin held, so tests see how it was started. */
  echoArgs?: boolean;
  exitCode?: number;
  /** After the lines: start a child that sleeps, then never exit. */
  hang?: boolean;
  delayMs?: number;
  /** Printed on stderr: these variables as the CLI sees them (unset ones as null). */
  echoEnv?: string[];
  /** Folders it makes in its working directory first (a CLI's cache). */
  mkdirs?: string[];
}

function source(script: Script): string {
  const lines = script.lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line)));
  return `#!/usr/bin/env node
const { spawn } = require('node:child_process');
const lines = ${JSON.stringify(lines)};
let stdin = '';
try { stdin = require('node:fs').readFileSync(0, 'utf8'); } catch {}
if (${script.echoArgs === true}) process.stderr.write('ARGV ' + JSON.stringify(process.argv.slice(2)) + ' STDIN ' + JSON.stringify(stdin) + '\\n');
for (const dir of ${JSON.stringify(script.mkdirs ?? [])}) require('node:fs').mkdirSync(dir, { recursive: true });
const names = ${JSON.stringify(script.echoEnv ?? [])};
if (names.length) process.stderr.write('ENV ' + JSON.stringify(Object.fromEntries(names.map((n) => [n, process.env[n] ?? null]))) + '\\n');
(async () => {
  for (const line of lines) {
    process.stdout.write(line + '\\n');
    await new Promise((r) => setTimeout(r, ${script.delayMs ?? 5}));
  }
  if (${script.hang === true}) {
    spawn('sleep', ['300'], { stdio: 'ignore' });
    setInterval(() => {}, 1000);
    return;
  }
  process.exit(${script.exitCode ?? 0});
})();
`;
}

export interface StandIn {
  bin: string;
  env: NodeJS.ProcessEnv;
  home: string;
  launcher: Launcher;
}

/** A bin folder holding `program` (and a home folder), an environment with it first on PATH, and a launcher. */
export function standIn(program: string, script: Script, extraEnv: NodeJS.ProcessEnv = {}): StandIn {
  const bin = outsideTmp('fleet-engine-bin-');
  const home = outsideTmp('fleet-engine-home-');
  const path = join(bin, program);
  writeFileSync(path, source(script));
  chmodSync(path, 0o755);
  const env = { PATH: `${bin}:${process.env.PATH}`, HOME: home, LANG: 'C.UTF-8', ...extraEnv };
  const launcher = new Launcher({ appDataDirs: [outsideTmp('fleet-engine-appdata-')], workRoot: makeTempDir('fleet-engine-work-'), hostEnv: () => env });
  return { bin, env, home, launcher };
}

/** Processes on this machine whose command line names `fragment` (the stand-in's folder): none may be left. */
export function processesNaming(fragment: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(fragment)) found.push(Number(name));
    } catch {
      // Gone already.
    }
  }
  return found;
}

/** `engine` run against a stand-in `program` replaying `script`, in a fresh working copy (a short question wait). */
export function runStandIn(engine: EngineAdapter, program: string, script: Script, overrides: Partial<EngineRunRequest> = {}, extraEnv: NodeJS.ProcessEnv = {}) {
  const s = standIn(program, script, extraEnv);
  const workdir = makeTempDir('fleet-engine-copy-');
  const promise = runEngine({
    engine,
    launcher: s.launcher,
    workdir,
    prompt: 'Implement the module.',
    model: null,
    maxTurns: 7,
    budgetUsd: null,
    timeoutMs: 20_000,
    hostEnv: s.env,
    home: s.home,
    killGraceMs: 300,
    questionMs: 400,
    onEntries: () => {},
    ...overrides,
  });
  return { s, workdir, promise };
}

/** The texts of a run's notices (the stand-in's ARGV/ENV lines on stderr arrive among them). */
export function noticeTexts(result: EngineRunResult): string[] {
  return result.transcript.filter((e) => e.type === 'notice').map((e) => (e as { text: string }).text);
}

/** The model text of a run's transcript, joined. */
export function modelText(result: EngineRunResult): string {
  return result.transcript.filter((e) => e.type === 'model').map((e) => (e as { text: string }).text).join('\n');
}
