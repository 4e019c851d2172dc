// Merge figures: the conflict forecast for the 32 module branches of the large repository (with overlapping work
// planted by merge-fixture.mjs) next to `git merge-tree --write-tree` over the same 32 pairs in the same run, then
// the merge of the clean modules into the integration branch next to git doing the same merges (merge-tree,
// commit-tree, update-ref per module), and the board once modules are merged. Run on its own:
// `node scripts/bench/merge.mjs [--runs N]`; it works on a hard-linked clone of the cached large repository.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { defaultModuleIds } from './catalog.mjs';
import { GIT_ENV, git } from './git-cli.mjs';
import { runSectionAlone } from './section-main.mjs';
import { plantOverlappingWork } from './merge-fixture.mjs';
import { printTable } from './table.mjs';
import { measure, once } from './timing.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ms = (summary, note) => (summary ? { value: summary.median, unit: 'ms', note: note ?? `p95 ${summary.p95.toFixed(1)}` } : null);

/** `git merge-tree --write-tree --name-only` of every module against `target`: clean or the conflicting paths. */
function gitForecast(repo, target, branches) {
  return branches.map((branch) => {
    const run = spawnSync('git', ['merge-tree', '--write-tree', '--name-only', '--no-messages', target, branch], { cwd: repo, env: GIT_ENV, encoding: 'utf8' });
    const [tree, ...paths] = run.stdout.trim().split('\n');
    return { branch, tree, clean: run.status === 0, paths: paths.filter(Boolean).sort() };
  });
}

/** Starts a job through the contract and resolves with its result (or rejects with its error). */
function runJob(app, start) {
  return new Promise((resolve, reject) => {
    let jobId = null;
    const early = [];
    const settle = (finished) => {
      off();
      // The job runner forgets the job just after announcing its end: start the next one a tick later.
      setImmediate(() => (finished.ok ? resolve(finished.result) : reject(new Error(`${finished.error.code}: ${finished.error.message}`))));
    };
    const off = app.onEvent((name, payload) => {
      if (name !== 'jobFinished') return;
      if (jobId === null) early.push(payload);
      else if (payload.jobId === jobId) settle(payload);
    });
    start().then(({ jobId: id }) => {
      jobId = id;
      const done = early.find((f) => f.jobId === id);
      if (done) settle(done);
    }, reject);
  });
}

/** Compares the app's forecast with git's, module by module; returns the lines that differ. */
function compareWithGit(forecast, reference) {
  const problems = [];
  for (const module of forecast.modules) {
    const ref = reference.find((r) => r.branch === module.branch);
    if (!ref) continue;
    const paths = module.conflicts.map((c) => c.path).sort();
    if ((module.outcome === 'clean') !== ref.clean || paths.join(',') !== [...new Set(ref.paths.map((p) => p.replace(/~.*$/, '')))].join(',')) {
      problems.push(`${module.moduleId}: app ${module.outcome} [${paths}], git ${ref.clean ? 'clean' : 'conflicts'} [${ref.paths}]`);
    }
  }
  return problems;
}

/** Git merging the same modules one by one into `branch`: merge-tree, commit-tree, update-ref (3 processes each). */
function gitMergeChain(repo, branch, startTip, branches) {
  let tip = startTip;
  for (const module of branches) {
    const tree = git(repo, ['merge-tree', '--write-tree', '--no-messages', tip, module]).split('\n')[0];
    const commit = git(repo, ['commit-tree', tree, '-p', tip, '-p', module, '-m', `Merge ${module}`]);
    git(repo, ['update-ref', `refs/heads/${branch}`, commit, tip === startTip ? '' : tip]);
    tip = commit;
  }
  return tip;
}

/** Forecast, merge and board figures on `repoPath` (a clone the bench may change). */
export async function benchMerge({ repoPath, coreDir, print = console.log, runs = 5 }) {
  const { createFleetApp } = await import(pathToFileURL(join(coreDir, 'app.mjs')).href);
  const appDataDir = mkdtempSync(join(tmpdir(), 'fleet-bench-merge-home-'));
  const newApp = () => createFleetApp({ appDataDir, transport: 'browser', version: 'bench', watch: false, log: () => undefined });
  let app = newApp();
  try {
    const summary = await app.openWorkspace(repoPath);
    if (!summary.initialised) await app.initWorkspace({});
    const moduleIds = defaultModuleIds(ROOT);
    const planted = plantOverlappingWork(repoPath, moduleIds);
    print(`planted: ${moduleIds.length} module commits, ${planted.sharedFiles} shared files; conflicting with main: ${planted.targetConflicts.join(', ')}; conflicting after another module: ${planted.laterConflicts.join(', ')}`);
    const branches = moduleIds.map((id) => `module/${id}`);
    const forecastJob = (a) => runJob(a, () => a.handlers.forecastMerges({ target: 'integration' }));

    // First forecast of a fresh app (caches empty), then warm ones (pairs and overlapping groups served from the cache).
    await app.dispose();
    app = newApp();
    await app.openWorkspace(repoPath);
    const first = await once(() => forecastJob(app));
    const forecast = first.value;
    const warm = await measure(() => forecastJob(app), { runs, warmup: 1 });
    // One module branch moves before each forecast (an empty commit): only its pair and its group are recomputed.
    const moved = await measure(() => forecastJob(app), {
      runs,
      warmup: 0,
      before: (i) => {
        const branch = branches[(i * 5) % branches.length];
        const tip = git(repoPath, ['rev-parse', branch]);
        git(repoPath, ['update-ref', `refs/heads/${branch}`, git(repoPath, ['commit-tree', `${tip}^{tree}`, '-p', tip, '-m', 'bench: move the branch']), tip]);
      },
    });
    const gitFirst = await once(() => gitForecast(repoPath, 'main', branches));
    const gitWarm = await measure(() => gitForecast(repoPath, 'main', branches), { runs, warmup: 1 });
    const problems = compareWithGit(forecast, gitFirst.value);
    const counts = ['clean', 'conflicts', 'up-to-date', 'missing'].map((o) => `${forecast.modules.filter((m) => m.outcome === o).length} ${o}`).join(', ');
    print(`forecast: ${counts}; ${forecast.overlaps.length} overlapping pairs; order ${forecast.order.map((g) => `${g.kind}(${g.modules.length})`).join(' ')}`);
    print(problems.length ? `FORECAST DIFFERS FROM GIT MERGE-TREE:\n  ${problems.join('\n  ')}` : `forecast checked against git merge-tree: ${forecast.modules.length} of ${forecast.modules.length} modules agree`);

    // Merge every module the forecast calls clean, in its order, stopping at none: the later conflicts are left out.
    const later = new Set(forecast.order.flatMap((g) => (g.laterConflicts ?? []).map((l) => l.moduleId)));
    const order = forecast.order.filter((g) => g.kind !== 'conflicts').flatMap((g) => g.modules).filter((id) => !later.has(id));
    const mainTip = git(repoPath, ['rev-parse', 'main']);
    const merged = await once(() => runJob(app, () => app.handlers.mergeModules({ target: 'integration', modules: order, expectedTargetTip: forecast.target.tip })));
    const outcomes = merged.value.results.map((r) => r.outcome);
    const gitChain = await once(() => gitMergeChain(repoPath, 'bench/git-integration', mainTip, order.map((id) => `module/${id}`)));
    const sameTree = git(repoPath, ['rev-parse', 'fleet/integration^{tree}']) === git(repoPath, ['rev-parse', 'bench/git-integration^{tree}']);
    print(`merged ${outcomes.filter((o) => o === 'merged').length} of ${order.length} modules; final tree ${sameTree ? 'equals' : 'DIFFERS FROM'} git's merge chain; git fsck: ${spawnSync('git', ['fsck', '--no-dangling', '--no-progress'], { cwd: repoPath, env: GIT_ENV }).status === 0 ? 'ok' : 'FAILED'}`);

    const board = await measure(() => app.getBoard(), { runs: runs * 2, warmup: 2 });
    const mergedOnBoard = (await app.getBoard()).modules.filter((m) => m.phase === 'merged').length;
    print(`board after the merges: ${mergedOnBoard} modules shown as Merged`);
    return printTable(`Merge: ${moduleIds.length} module branches into the integration branch`, [
      { what: 'forecast, first after open (32 pairs + overlaps + order)', app: { value: first.ms, unit: 'ms', note: '1 run' }, ref: { value: gitFirst.ms, unit: 'ms', note: 'git merge-tree x32' } },
      { what: 'forecast, warm (pairs and groups cached)', app: ms(warm), ref: ms(gitWarm), target: '< git', check: (a, r) => a < r },
      { what: 'forecast after one module branch moved', app: ms(moved), ref: ms(gitWarm), target: '< git', check: (a, r) => a < r },
      { what: `merge ${order.length} clean modules (one merge commit each)`, app: { value: merged.ms, unit: 'ms', note: '1 run' }, ref: { value: gitChain.ms, unit: 'ms', note: 'merge-tree + commit-tree + update-ref' } },
      { what: 'board load, warm, with merged modules', app: ms(board), ref: null, target: '< 100 ms', check: (a) => a < 100 },
    ], print);
  } finally {
    await app.dispose();
    rmSync(appDataDir, { recursive: true, force: true });
  }
}

runSectionAlone('merge', import.meta.url, benchMerge);
