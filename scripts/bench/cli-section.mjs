// The command line's figures on their own: `node scripts/bench/cli-section.mjs [--runs N] [--no-push]`. Start-up
// (--help, --version next to `node -e 0`), `status --json` as a whole process next to the git CLI's same reads
// (interleaved), and `push` of 32 branches next to `git push` (push.mjs). Works on a hard-linked clone of the cached
// large repository (initialised by `fleet-control init`, main then moved 25 commits ahead as the whole bench does).

// First: it unsets NODE_EXTRA_CA_CERTS before any module copies the environment.
import { extraCaCertsNote } from './node-start.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cloneLargeRepo, ensureLargeRepo } from './large-repo.mjs';
import { advanceBranch } from './module-branches.mjs';
import { defaultModuleIds, docFileNames } from './catalog.mjs';
import { prepareCli, runCli } from './app-figures.mjs';
import { readBoardWithGit } from './git-reference.mjs';
import { compareBoardWithGit } from './board-check.mjs';
import { benchCliStartup } from './cli-startup.mjs';
import { benchPush } from './push.mjs';
import { git } from './git-cli.mjs';
import { summarize } from './timing.mjs';
import { printTable } from './table.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE = join(ROOT, '.bench-cache');
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 10;
const log = console.log;
const loadNow = () => `load average now: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
const ms = (s, note) => ({ value: s.median, unit: 'ms', note: note ?? `p95 ${s.p95.toFixed(0)}` });

/** `status --json` and git's reads of the same board, alternating who goes first; checks the board against git. */
async function benchStatus(repo, cli, appHome) {
  const readOptions = { moduleIds: defaultModuleIds(ROOT), docNames: docFileNames(ROOT) };
  const gitRead = readBoardWithGit(repo, readOptions);
  const board = JSON.parse(runCli(ROOT, cli, ['status', '--json', repo], appHome));
  const problems = compareBoardWithGit(board.modules, gitRead);
  log(problems.length ? `STATUS DIFFERS FROM GIT:\n  ${problems.join('\n  ')}` : 'status --json checked against git: agrees');
  const samples = { app: [], git: [] };
  const timed = (key, fn) => {
    const started = performance.now();
    fn();
    samples[key].push(performance.now() - started);
  };
  for (let round = 0; round < RUNS; round++) {
    const app = () => timed('app', () => runCli(ROOT, cli, ['status', '--json', repo], appHome));
    const reference = () => timed('git', () => readBoardWithGit(repo, readOptions));
    for (const fn of round % 2 === 0 ? [app, reference] : [reference, app]) fn();
  }
  return printTable(`status: ${board.modules.length} modules (median of ${RUNS} runs each, interleaved)`, [
    { what: 'status --json, warm (whole process)', app: ms(summarize(samples.app)), ref: ms(summarize(samples.git), `git CLI, ${2 + gitRead.aheadBehind.size} processes`), target: '<= 1.5x git', check: (a, r) => a <= 1.5 * r },
  ]);
}

async function main() {
  log(`CLI section: node ${process.version}, ${git(ROOT, ['--version'])}, ${cpus().length} cores, ${RUNS} runs per figure`);
  log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (extraCaCertsNote) log(extraCaCertsNote);
  const cli = prepareCli(ROOT, log);
  if (cli.error) throw new Error(cli.error);
  const verdicts = [...(await benchCliStartup({ cli, print: log, runs: RUNS * 2 }))];
  const { repo: cached } = await ensureLargeRepo(CACHE, log);
  const work = mkdtempSync(join(tmpdir(), 'fleet-bench-cli-section-'));
  try {
    const repo = cloneLargeRepo(cached, work);
    const appHome = join(work, 'app-home');
    runCli(ROOT, cli, ['init', repo], appHome);
    advanceBranch(repo, 'main', 25);
    log(loadNow());
    verdicts.push(...(await benchStatus(repo, cli, appHome)));
    log(loadNow());
    if (!args.includes('--no-push')) verdicts.push(...(await benchPush({ repoPath: repo, print: log, cli, runs: Math.max(3, Math.round(RUNS / 2)) })));
    log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    log(`CLI section: ${verdicts.filter((v) => v === 'PASS').length} PASS, ${verdicts.filter((v) => v === 'FAIL').length} FAIL`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`CLI bench failed: ${error.stack ?? error}`);
  process.exit(1);
});
