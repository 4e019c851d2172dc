// A stand-in agent CLI for whole runs: a node script put first on the app's PATH (outside /tmp, which the sandbox
// makes private) that answers --version and otherwise acts out one scripted launch per call: it edits files in its
// working folder, commits them itself if told, prints its documented output lines, and says on stderr how it was
// started (argv, the head of its prompt, digests of the variables named). Launches are counted in the copy's .git (never a change).

import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { outsideTmp } from '../../launcher/launch-fixture';

export interface Launch {
  /** Files to write (path relative to the working copy -> content). */
  edits?: Record<string, string>;
  /** Commit everything with git after editing, as some CLIs do. */
  commit?: boolean;
  /** Output lines on stdout, in order. */
  lines: Array<string | object>;
  exitCode?: number;
  /** After the lines: keep running (a child sleeping too) until ended. */
  hang?: boolean;
  delayMs?: number;
}

export interface StandInPlan {
  version: string;
  /** One per launch; later launches repeat the last. */
  launches: Launch[];
  /** Variables it reports on stderr, each as the first 16 hex digits of its value's SHA-256 (unset: null): keys stay unprinted. */
  echoEnv?: string[];
}

function source(plan: StandInPlan): string {
  const launches = plan.launches.map((l) => ({ ...l, lines: l.lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))) }));
  return `#!/usr/bin/env node
const fs = require('node:fs');
const { execFileSync, spawn } = require('node:child_process');
if (process.argv.includes('--version')) { console.log(${JSON.stringify(plan.version)}); process.exit(0); }
const launches = ${JSON.stringify(launches)};
let stdin = '';
try { stdin = fs.readFileSync(0, 'utf8'); } catch {}
let n = 0;
try { n = Number(fs.readFileSync('.git/standin-launches', 'utf8')); } catch {}
try { fs.writeFileSync('.git/standin-launches', String(n + 1)); } catch {}
const launch = launches[Math.min(n, launches.length - 1)];
process.stderr.write('ARGV ' + JSON.stringify(process.argv.slice(2)) + '\\n');
process.stderr.write('STDIN ' + JSON.stringify(stdin.slice(0, 200)) + '\\n');
// A custom template's CLI reads its prompt from the file after --task.
const task = process.argv.indexOf('--task');
if (task > 0) {
  const prompt = fs.readFileSync(process.argv[task + 1], 'utf8');
  process.stderr.write('PROMPT ' + JSON.stringify(prompt.slice(0, 100)) + ' SECTIONS ' + JSON.stringify(prompt.split('\\n').filter((l) => l.startsWith('## ') && !l.startsWith('## Every file'))) + '\\n');
}
const names = ${JSON.stringify(plan.echoEnv ?? [])};
const digest = (v) => require('node:crypto').createHash('sha256').update(v).digest('hex').slice(0, 16);
if (names.length) process.stderr.write('ENV ' + JSON.stringify(Object.fromEntries(names.map((n) => [n, process.env[n] === undefined ? null : digest(process.env[n])]))) + '\\n');
for (const [path, content] of Object.entries(launch.edits || {})) {
  fs.mkdirSync(require('node:path').dirname(path), { recursive: true });
  fs.writeFileSync(path, content);
}
if (launch.commit) {
  execFileSync('git', ['add', '-A'], { stdio: 'ignore' });
  execFileSync('git', ['commit', '-q', '-m', 'the agent commits its own work'], { stdio: 'ignore' });
}
(async () => {
  for (const line of launch.lines) {
    process.stdout.write(line + '\\n');
    await new Promise((r) => setTimeout(r, launch.delayMs || 5));
  }
  if (launch.hang) {
    spawn('sleep', ['300'], { stdio: 'ignore' });
    setInterval(() => {}, 1000);
    return;
  }
  process.exit(launch.exitCode || 0);
})();
`;
}

/** A bin folder with `program` acting out `plan`, a home folder with `configDirs` made, and the env putting both in place. */
export function engineStandIn(program: string, plan: StandInPlan, configDirs: string[] = ['.claude']): { bin: string; home: string; env: NodeJS.ProcessEnv } {
  const bin = outsideTmp('fleet-standin-bin-');
  const home = outsideTmp('fleet-standin-home-');
  for (const dir of configDirs) mkdirSync(join(home, dir), { recursive: true });
  writeFileSync(join(bin, program), source(plan));
  chmodSync(join(bin, program), 0o755);
  return { bin, home, env: { PATH: `${bin}:${process.env.PATH}`, HOME: home } };
}

/** Claude Code's print-mode stream-json lines for one launch: init, a message and an edit, the result with its cost. */
export function claudeLines(session: string, text: string, costUsd: number, options: { subtype?: string } = {}): object[] {
  return [
    { type: 'system', subtype: 'init', session_id: session, model: 'claude-sonnet-4-5', cwd: '.', tools: ['Edit', 'Bash'] },
    { type: 'assistant', session_id: session, message: { id: `msg-${session}-${costUsd}`, role: 'assistant', content: [{ type: 'text', text }, { type: 'tool_use', id: `toolu-${costUsd}`, name: 'Edit', input: { file_path: 'api/src/fleet.js' } }] } },
    { type: 'user', session_id: session, message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: `toolu-${costUsd}`, content: 'The file api/src/fleet.js has been updated.', is_error: false }] } },
    { type: 'result', subtype: options.subtype ?? 'success', is_error: false, num_turns: 2, result: text, session_id: session, total_cost_usd: costUsd, usage: { input_tokens: 1000, output_tokens: 200 } },
  ];
}

/** How the stand-in reports a variable's value. */
export function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 16);
}
