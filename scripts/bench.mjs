// `npm run bench`: the speed and memory targets, each measured next to the git CLI doing the same work in the
// same run, on a generated repository of 10,000+ commits, 5,000+ files and a 250 MB pack (cached).
// Options: --regenerate (rebuild the cached repository), --runs N (warm samples per figure, default 10).

// First: it unsets NODE_EXTRA_CA_CERTS before any module copies the environment.
import { extraCaCertsNote } from './bench/node-start.mjs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { ensureLargeRepo, resetLargeRepo, GENERATOR_VERSION } from './bench/large-repo.mjs';
import { defaultModuleIds, docFileNames } from './bench/catalog.mjs';
import { advanceBranch, createModuleBranchesWithGit } from './bench/module-branches.mjs';
import { measureGitBoardReads, measureGitDocCommit, readBoardWithGit } from './bench/git-reference.mjs';
import { measureColdPair } from './bench/cold.mjs';
import { buildCore } from './bench/core-build.mjs';
import { measureCliStatus, prepareCli, runCli, runInProcess } from './bench/app-figures.mjs';
import { compareBoardWithGit } from './bench/board-check.mjs';
import { dropPageCache } from './bench/page-cache.mjs';
import { git } from './bench/git-cli.mjs';
import { once } from './bench/timing.mjs';
import { printTable } from './bench/table.mjs';
import { benchAgents } from './bench/agents.mjs';
import { benchAgentsRenderer } from './bench/agents-renderer.mjs';
import { benchPush } from './bench/push.mjs';
import { benchCliStartup } from './bench/cli-startup.mjs';
import { benchMerge } from './bench/merge.mjs';
import { benchScope } from './bench/scope.mjs';
import { benchReports } from './bench/reports.mjs';
import { benchChecks } from './bench/checks.mjs';
import { benchImplement } from './bench/implement.mjs';
import { benchRemoteBatches } from './bench/remote-batches.mjs';
import { benchRendererTiming } from './bench/renderer-timing.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = join(ROOT, '.bench-cache');
const APP_HOME = join(CACHE, 'app-home');
const MAIN_ADVANCE = 25;
const COLD_RUNS = 5;
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 10;
const log = console.log;
const section = (title) => log(`\n=== ${title} ${'='.repeat(Math.max(0, 72 - title.length))}`);
const ms = (value, note) => (value == null ? null : { value, unit: 'ms', note });
const medianP95 = (s) => (s ? ms(s.median, `p95 ${s.p95.toFixed(1)}`) : null);

function deleteRefs(repo, prefix) {
  const refs = git(repo, ['for-each-ref', '--format=delete %(refname)', `refs/heads/${prefix}`]);
  if (refs) git(repo, ['update-ref', '--stdin'], { input: `${refs}\n` });
}

/** Module branches by the app's own init when it exists (CLI, else the compiled core), else by the git CLI. */
async function makeModuleBranches(ctx) {
  const notes = [];
  if (ctx.cli.bin) {
    try {
      const run = await once(() => runCli(ROOT, ctx.cli, ['init', ctx.repo], APP_HOME));
      return { by: 'fleet-control init (whole process)', ms: run.ms, notes };
    } catch (error) {
      notes.push(`CLI init failed: ${String(error.stderr || error.message).trim().split('\n').at(-1)}`);
    }
  }
  if (ctx.core.dir) {
    const run = runInProcess(ctx.core.dir, 'init', ctx.repo);
    if (!run.error) return { by: 'core initWorkspace (in-process)', ms: run.initMs, notes };
    notes.push(`core init failed: ${run.error}`);
  }
  const run = await once(() => createModuleBranchesWithGit(ctx.repo, ctx.moduleIds, ctx.docNames));
  return { by: 'git fast-import (the app init is not available)', ms: null, gitMs: run.ms, notes };
}

/** The merge section plants commits and merges: it works on a hard-linked clone, leaving the large repository as it is. */
async function benchMergeOnClone(repo, coreDir) {
  const work = mkdtempSync(join(tmpdir(), 'fleet-bench-merge-'));
  try {
    git(work, ['clone', '-q', '--no-checkout', repo, join(work, 'repo')]);
    return await benchMerge({ repoPath: join(work, 'repo'), coreDir, print: log, runs: Math.max(3, Math.round(RUNS / 2)) });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The checks section commits check settings: it works on a hard-linked clone, leaving the large repository as it is. */
async function benchChecksOnClone(repo, coreDir) {
  const work = mkdtempSync(join(tmpdir(), 'fleet-bench-checks-'));
  try {
    git(work, ['clone', '-q', '--no-checkout', repo, join(work, 'repo')]);
    return await benchChecks({ repoPath: join(work, 'repo'), coreDir, print: log, runs: Math.max(3, Math.round(RUNS / 2)) });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The implementation section commits designs and settings: it works on a clone, leaving the large repository as it is. */
async function benchImplementOnClone(repo, coreDir) {
  const work = mkdtempSync(join(tmpdir(), 'fleet-bench-implement-'));
  try {
    git(work, ['clone', '-q', '--no-checkout', repo, join(work, 'repo')]);
    return await benchImplement({ repoPath: join(work, 'repo'), coreDir, print: log, runs: Math.max(3, Math.round(RUNS / 2)) });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function main() {
  log(`Fleet Control bench: node ${process.version}, ${git(ROOT, ['--version'])}, ${cpus().length} cores, ${RUNS} warm runs per figure`);
  // Other work on the machine skews every figure: say how busy it was.
  log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (extraCaCertsNote) log(extraCaCertsNote);

  section('Large repository');
  if (args.includes('--regenerate')) rmSync(join(CACHE, 'large-repo.json'), { force: true });
  const { repo, stamp, generatedNow } = await ensureLargeRepo(CACHE, log);
  const s = stamp.stats;
  const phases = Object.entries(stamp.phases).map(([k, v]) => `${k} ${v} s`).join(', ');
  log(`${repo} (generator v${GENERATOR_VERSION}, seed "${stamp.seed}")`);
  log(`${generatedNow ? 'generated now' : 'cached; generated'} in ${stamp.generationSeconds} s (${phases})`);
  log(`${s.commits} commits (${s.mainCommits} on main), ${s.trackedFiles} tracked files, ${s.branches} branches, ${s.packs} pack of ${s.packMB} MB`);
  resetLargeRepo(repo, stamp);

  section('App under test');
  const moduleIds = defaultModuleIds(ROOT);
  const docNames = docFileNames(ROOT);
  const core = await buildCore(ROOT, join(CACHE, 'core-build'));
  log(core.error ? `core: not available (${core.error})` : `core: compiled (${core.entries.join(', ')}) into ${core.dir}`);
  const cli = prepareCli(ROOT, log);
  log(cli.error ? `CLI: not available (${cli.error})` : `CLI: ${cli.bin}`);
  const ctx = { repo, core, cli, moduleIds, docNames };

  section('CLI start-up: --help and --version, next to Node starting with nothing to do');
  verdicts.push(...(await benchCliStartup({ cli, print: log, runs: RUNS * 2 })));

  section(`Fixtures: ${moduleIds.length} module branches, main ${MAIN_ADVANCE} commits ahead of them`);
  const initRef = await once(() => createModuleBranchesWithGit(repo, moduleIds, docNames, { prefix: 'bench-init-ref/' }));
  deleteRefs(repo, 'bench-init-ref/');
  const init = await makeModuleBranches(ctx);
  for (const note of init.notes) log(`note: ${note}`);
  log(`module branches made by ${init.by}`);
  advanceBranch(repo, 'main', MAIN_ADVANCE);

  section(`Board state: ${moduleIds.length} modules, ${moduleIds.length * docNames.length} documents`);
  const readOptions = { moduleIds, docNames };
  const gitBoard = await measureGitBoardReads(repo, readOptions, { runs: RUNS });
  log(`git CLI: ${gitBoard.processes} processes per board (for-each-ref, rev-list --left-right --count x${gitBoard.result.aheadBehind.size}, cat-file --batch)`);
  // The CLI reads first: the in-process run ends by committing documents, which moves a branch.
  const status = cli.error ? { error: cli.error } : await measureCliStatus(ROOT, cli, repo, APP_HOME, { runs: RUNS });
  const cold = await measureColdPair(repo, () => readBoardWithGit(repo, readOptions), status.run ?? null, { runs: COLD_RUNS });
  log(`cold figures: median of ${COLD_RUNS} runs, each after dropping the repository's files from the page cache`);
  if (status.error && !cli.error) log(`CLI status: ${status.error}`);
  if (status.board?.modules) {
    const problems = compareBoardWithGit(status.board.modules, gitBoard.result);
    log(problems.length ? `STATUS DIFFERS FROM GIT:\n  ${problems.join('\n  ')}` : 'status --json checked against git: agrees');
  }
  let app = { error: core.error };
  if (!core.error) {
    dropPageCache(join(repo, '.git'));
    app = runInProcess(core.dir, 'board', repo, ['--runs', String(RUNS * 2), '--commit', `module/${moduleIds[1]}:enhancements/${moduleIds[1]}/${docNames[0]}`]);
  }
  if (app.error) log(`app in-process: ${app.error}`);
  else {
    const problems = compareBoardWithGit(app.modules, gitBoard.result);
    log(problems.length ? `BOARD DIFFERS FROM GIT:\n  ${problems.join('\n  ')}` : `board checked against git: ${app.modules.length} tips and ahead/behind counts agree`);
  }
  const verdicts = [];
  verdicts.push(...printTable('Board', [
    { what: 'board load, warm (in-process)', app: medianP95(app.warm), ref: medianP95(gitBoard.warm), target: '< 100 ms and < git', check: (a, r) => a < 100 && a < r, pending: app.error && 'core' },
    { what: 'board load, first after open (fresh process)', app: ms(app.firstBoardMs, app.openMs != null ? `open ${app.openMs.toFixed(0)} ms` : undefined), ref: medianP95(cold.reference), pending: app.error && 'core' },
    { what: 'status, cold (whole process)', app: medianP95(cold.app), ref: medianP95(cold.reference), target: '<= 2x git', check: (a, r) => a <= 2 * r, pending: status.error && 'CLI' },
    { what: 'status --json, warm (whole process)', app: medianP95(status.warm), ref: medianP95(gitBoard.warm), target: '<= 1.5x git', check: (a, r) => a <= 1.5 * r, pending: status.error && 'CLI' },
  ]));

  section('Memory');
  const growth = app.rssAfterBoard != null ? app.rssAfterBoard - app.rssImported : null;
  verdicts.push(...printTable('Memory (main process = the core in a Node process)', [
    { what: 'RSS after open + board', app: app.rssAfterBoard != null ? { value: app.rssAfterBoard, unit: 'MB', note: `${app.rssImported} MB before open` } : null, ref: { value: s.packMB, unit: 'MB', note: 'pack size' }, pending: app.error && 'core' },
    { what: 'RSS growth from opening the repo', app: growth != null ? { value: growth, unit: 'MB' } : null, ref: { value: s.packMB, unit: 'MB', note: 'pack size' }, target: '< 25% of pack', check: (a, r) => a < r / 4, pending: app.error && 'core' },
  ]));

  section('Init and commit');
  const gitCommit = await measureGitDocCommit(repo, join(CACHE, 'worktrees'), { branch: `module/${moduleIds[0]}`, docPath: `enhancements/${moduleIds[0]}/${docNames[0]}`, runs: RUNS * 2 });
  verdicts.push(...printTable('Writes', [
    { what: `init: ${moduleIds.length} module branches + docs`, app: ms(init.ms, init.by.split(' ')[0]), ref: ms(initRef.ms, 'git fast-import, 1 process'), pending: init.ms == null && 'init' },
    { what: 'commit one document to a module branch', app: medianP95(app.commit), ref: medianP95(gitCommit), target: '< 30 ms median', check: (a) => a < 30, pending: (app.error || !app.commit) && 'core commit' },
  ]));

  section('Renderer: the board and the editor in Chromium, over the large repository');
  verdicts.push(...(await benchRendererTiming({ repoPath: repo, print: log })));

  section('Agents: context building, 32 runs streaming at once');
  verdicts.push(...(await benchAgents({ repoPath: repo, print: log })));
  verdicts.push(...(await benchAgentsRenderer({ print: log })));

  section('Push and fetch: 32 module branches to a loopback git-http-backend');
  verdicts.push(...(await benchPush({ repoPath: repo, print: log, coreDir: core.dir, cli })));

  section('Module scope: pattern suggestions and previews on 5,000+ files');
  if (core.error) log(`not wired: core (${core.error})`);
  else verdicts.push(...(await benchScope({ repoPath: repo, coreDir: core.dir, print: log, runs: RUNS })));

  section('Merge: conflict forecast and merges of 32 module branches, next to git merge-tree');
  if (core.error) log(`not wired: core (${core.error})`);
  else verdicts.push(...(await benchMergeOnClone(repo, core.dir)));

  section('Reports: implementation logs of 32 module branches, the HTML export');
  if (core.error) log(`not wired: core (${core.error})`);
  else verdicts.push(...(await benchReports({ repoPath: repo, coreDir: core.dir, print: log, runs: RUNS })));

  section('Checks: a module branch checked out and checked in a temporary folder, next to git archive | tar');
  if (core.error) log(`not wired: core (${core.error})`);
  else verdicts.push(...(await benchChecksOnClone(repo, core.dir)));

  section('Implementation runs: working copies, tools, 8 runs at once against a loopback agent');
  if (core.error) log(`not wired: core (${core.error})`);
  else verdicts.push(...(await benchImplementOnClone(repo, core.dir)));

  section('Remote batches: 4, 16 and 32 runs dispatched and followed against the loopback GitHub Actions API');
  verdicts.push(...(await benchRemoteBatches({ print: log })));

  resetLargeRepo(repo, stamp);
  log('\n(the large repository was reset to its generated state)');
  const count = (prefix) => verdicts.filter((v) => v.startsWith(prefix)).length;
  // Informational: a busy machine can fail a target, so the exit code stays 0.
  log(`bench: ${count('PASS')} PASS, ${count('FAIL')} FAIL, ${count('not wired')} not wired, ${count('info')} info`);
}

main().catch((error) => {
  console.error(`bench failed: ${error.stack ?? error}`);
  process.exit(1);
});
