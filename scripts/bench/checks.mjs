// Checks figures on the large repository (5,000+ files per branch): one module's check of `true` (checkout of the
// branch tip by the app's own object reader, the command, the folder removed) against `git archive | tar -x` of the
// same branch plus `rm -rf`, a batch of modules two at a time, and the memory of a check printing 256 MB.
// Run on its own: `node scripts/bench/checks.mjs [--runs N]` (works on a clone of the cached large repository).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defaultModuleIds } from './catalog.mjs';
import { GIT_ENV, git } from './git-cli.mjs';
import { runSectionAlone } from './section-main.mjs';
import { printTable } from './table.mjs';
import { measure, rssMB } from './timing.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LOUD_BYTES = 256 * 1024 * 1024;

const ms = (summary) => (summary ? { value: summary.median, unit: 'ms', note: `p95 ${summary.p95.toFixed(1)}` } : null);

/** Runs the checks of `modules` as one job and waits for its report. */
function checkAndWait(app, modules) {
  return new Promise((resolve, reject) => {
    let jobId = null;
    const early = [];
    const done = (finished) => {
      off();
      if (finished.ok) resolve(finished.result);
      else reject(new Error(finished.error?.message ?? 'the checks job failed'));
    };
    const off = app.onEvent((event, payload) => {
      if (event !== 'jobFinished' || payload.kind !== 'checks') return;
      if (jobId === null) early.push(payload);
      else if (payload.jobId === jobId) done(payload);
    });
    app.handlers.runChecks({ modules }).then(({ jobId: id }) => {
      jobId = id;
      const finished = early.find((f) => f.jobId === id);
      if (finished) done(finished);
    }, reject);
  });
}

/** The same files through the git CLI: `git archive <branch> | tar -x` into a new folder, then the folder removed. */
function gitCheckout(repoPath, branch) {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-bench-archive-'));
  try {
    execFileSync('sh', ['-c', `git archive ${branch} | tar -x -C "${dir}"`], { cwd: repoPath, env: GIT_ENV, stdio: 'ignore' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Checks figures on `repoPath` (an initialised workspace, or one the core initialises now). */
export async function benchChecks({ repoPath, coreDir, print = console.log, runs = 5 }) {
  const { createFleetApp } = await import(pathToFileURL(join(coreDir, 'app.mjs')).href);
  const appDataDir = mkdtempSync(join(tmpdir(), 'fleet-bench-checks-home-'));
  const app = createFleetApp({ appDataDir, transport: 'browser', version: 'bench', watch: false, log: () => undefined });
  try {
    const summary = await app.openWorkspace(repoPath);
    if (!summary.initialised) await app.initWorkspace({});
    const h = app.handlers;
    const moduleIds = defaultModuleIds(ROOT);
    const files = git(repoPath, ['ls-tree', '-r', '--name-only', `module/${moduleIds[0]}`]).split('\n').length;
    await h.saveCheckSettings({ checks: { command: 'true', timeoutSeconds: 600, concurrency: 2 } });

    let i = 0;
    const one = await measure(() => checkAndWait(app, [moduleIds[i++ % moduleIds.length]]), { runs, warmup: 1 });
    let j = 0;
    const reference = await measure(() => gitCheckout(repoPath, `module/${moduleIds[j++ % moduleIds.length]}`), { runs, warmup: 1 });
    const batchModules = moduleIds.slice(0, 8);
    const batch = await measure(() => checkAndWait(app, batchModules), { runs: Math.max(2, Math.round(runs / 2)), warmup: 0 });
    const batchReference = await measure(() => batchModules.forEach((id) => gitCheckout(repoPath, `module/${id}`)), { runs: Math.max(2, Math.round(runs / 2)), warmup: 0 });

    // A check printing 256 MB: the process's memory is sampled while it runs.
    await h.saveCheckSettings({ checks: { command: `head -c ${LOUD_BYTES} /dev/zero | tr '\\0' x`, timeoutSeconds: 600 } });
    const before = rssMB();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMB())), 20);
    const loud = await checkAndWait(app, [moduleIds[0]]);
    clearInterval(sampler);
    peak = Math.max(peak, rssMB());
    const log = await h.readCheckLog({ moduleId: moduleIds[0] });
    print(`loud check: ${loud.results[0]?.state}, log kept ${Math.round((log.text?.length ?? 0) / 1024)} KB of ${LOUD_BYTES / (1 << 20)} MB printed`);

    return printTable(`Checks: ${files} files per module branch, command \`true\``, [
      { what: 'one module: checkout + command + cleanup', app: ms(one), ref: ms(reference), target: '<= 2x git archive | tar', check: (a, r) => a <= 2 * r },
      { what: `${batchModules.length} modules, 2 at a time`, app: ms(batch), ref: { ...ms(batchReference), note: 'git archive | tar, one after another' } },
      { what: 'memory growth while a check prints 256 MB', app: { value: peak - before, unit: 'MB', note: `RSS ${before} -> ${peak} MB` }, ref: { value: LOUD_BYTES / (1 << 20), unit: 'MB', note: 'printed' }, target: '< 64 MB', check: (a) => a < 64 },
    ], print);
  } finally {
    await app.dispose();
    rmSync(appDataDir, { recursive: true, force: true });
  }
}

runSectionAlone('checks', import.meta.url, benchChecks);
