// Remote batches: 4, 16 and 32 remote check runs dispatched and followed against the loopback GitHub Actions API
// (tests/helpers/actions-server.ts) whose runs a paced stand-in completes (queued 1 s, a step change every second,
// then a record in the artifact), on a small repository with 32 module branches. Per size: the requests the app sent
// per run (dispatch, following, the record) and as a share of GitHub's hourly allowance, the event-loop delay p99 of the process running the core (the
// loopback server runs in it too) and its memory growth. The app's own cost should stay flat as runs grow.
// Run on its own: `node scripts/bench/remote-batches.mjs`.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCore } from './core-build.mjs';
import { defaultModuleIds } from './catalog.mjs';
import { GIT_ENV } from './git-cli.mjs';
import { printTable } from './table.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOKEN = 'ghp_benchRemoteBatches0123456789';
const SIZES = [4, 16, 32];
const STEPS = 6;
const POLL_MS = 1000;
const sh = (cwd, ...args) => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();
const importBuilt = (coreDir, name) => import(pathToFileURL(join(coreDir, `${name}.mjs`)).href);

/** Completes each dispatched run like a runner would, slowly: queued 1 s, STEPS steps of 1 s, then a record. */
function pacedRunner(actions, makeZip) {
  actions.onDispatch = (run) => {
    const steps = Array.from({ length: STEPS }, (_, i) => ({ name: `step ${i + 1}`, number: i + 1, status: 'queued', conclusion: null, started_at: null, completed_at: null }));
    let step = -1;
    const tick = () => {
      if (step >= 0) Object.assign(steps[step], { status: 'completed', conclusion: 'success', completed_at: new Date().toISOString() });
      step++;
      if (step < STEPS) {
        Object.assign(steps[step], { status: 'in_progress', started_at: new Date().toISOString() });
        actions.update(run, { status: 'in_progress', jobStatus: 'in_progress', steps });
        return void setTimeout(tick, 1000);
      }
      const now = new Date().toISOString();
      const record = { version: 1, kind: 'check', runId: run.inputs.run_id, moduleId: run.inputs.module, branch: `module/${run.inputs.module}`, tip: run.inputs.tip, outcome: 'passed', reviewBranch: null, reviewCommit: null, budgetUsd: null, costUsd: 0, costKnown: true, startedAt: now, finishedAt: now, fleetControlVersion: 'bench', error: null, run: null, check: { state: 'passed', exitCode: 0, durationMs: 5 } };
      actions.uploadArtifact(run, `fleet-control-${run.inputs.run_id}`, makeZip([{ name: 'record.json', content: JSON.stringify(record) }]));
      actions.update(run, { status: 'completed', conclusion: 'success', jobStatus: 'completed', jobConclusion: 'success', steps });
    };
    setTimeout(tick, 1000);
  };
}

/** A repository with the workspace initialised (32 module branches) and the workflow on main, and its bare copy. */
async function makeRepository(work, core) {
  const dir = join(work, 'repo');
  mkdirSync(dir);
  sh(dir, 'init', '-q', '--initial-branch=main');
  writeFileSync(join(dir, 'README.md'), '# fleet\n');
  sh(dir, 'add', '-A');
  sh(dir, 'commit', '-q', '-m', 'first');
  const app = core.createFleetApp({ appDataDir: join(work, 'setup-home'), transport: 'browser', version: 'bench', watch: false, log: () => undefined });
  await app.openWorkspace(dir);
  await app.initWorkspace({});
  await app.dispose();
  mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
  writeFileSync(join(dir, '.github', 'workflows', 'fleet-control.yml'), core.githubWorkflow({ branchPrefix: 'module/', baseBranch: 'main', workspaceBranch: 'fleet/workspace' }));
  sh(dir, 'add', '-A');
  sh(dir, 'commit', '-q', '-m', 'workflow');
  const bare = join(work, 'bare.git');
  sh(work, 'clone', '-q', '--bare', dir, bare);
  // Never contacted: check runs bring no review branch to fetch. The API goes to the loopback Actions server.
  sh(dir, 'remote', 'add', 'origin', 'http://127.0.0.1:9/acme/fleet.git');
  return { dir, bare };
}

async function oneSize(core, actions, dir, size, work) {
  const app = core.createFleetApp({
    appDataDir: mkdtempSync(join(work, 'home-')),
    transport: 'browser',
    version: 'bench',
    watch: false,
    log: () => undefined,
    remotes: { env: { FLEET_GITHUB_HOSTS: '127.0.0.1:9', FLEET_GITHUB_API_URL: actions.url, FLEET_GIT_TOKEN_ORIGIN: TOKEN } },
    remoteBatches: { pollMs: POLL_MS },
  });
  try {
    await app.openWorkspace(dir);
    const ids = new Set();
    let done = () => undefined;
    const ended = new Promise((resolve) => (done = resolve));
    const states = new Map();
    app.onEvent((event, run) => {
      if (event !== 'remoteRunChanged' || !ids.has(run.runId)) return;
      states.set(run.runId, run.state);
      if (ids.size && [...ids].every((id) => ['done', 'failed', 'cancelled', 'timed-out', 'skipped'].includes(states.get(id)))) done();
    });
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    const requestsBefore = actions.requests.length;
    const started = performance.now();
    delay.enable();
    const { runs } = await app.handlers.startRemoteBatch({ kind: 'check', target: 'github', modules: defaultModuleIds(ROOT).slice(0, size), concurrency: size });
    for (const run of runs) ids.add(run.runId);
    await ended;
    delay.disable();
    clearInterval(sampler);
    const minutes = (performance.now() - started) / 60_000;
    const requests = actions.requests.length - requestsBefore;
    const failed = [...states.values()].filter((s) => s !== 'done').length;
    return { size, minutes, requests, p99: delay.percentile(99) / 1e6, growthMb: (peak - before) / (1 << 20), failed };
  } finally {
    await app.dispose();
  }
}

/** The section: one row per batch size. */
export async function benchRemoteBatches({ print = console.log } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'fleet-bench-remote-'));
  try {
    const built = await buildCore(ROOT, join(ROOT, '.bench-cache', 'core-build-remote'));
    if (built.error) throw new Error(built.error);
    const [{ createFleetApp }, { githubWorkflow }, { ActionsServer }, { makeZip }] = await Promise.all(['app', 'github-workflow', 'actions-server', 'zip'].map((n) => importBuilt(built.dir, n)));
    const { dir, bare } = await makeRepository(work, { createFleetApp, githubWorkflow });
    const actions = await ActionsServer.start(TOKEN);
    actions.addRepo('acme/fleet', bare);
    pacedRunner(actions, makeZip);
    const rows = [];
    try {
      for (const size of SIZES) rows.push(await oneSize({ createFleetApp }, actions, dir, size, work));
    } finally {
      await actions.close();
    }
    return printTable(
      `Remote batches: check runs dispatched and followed against the loopback Actions API (poll every ${POLL_MS / 1000} s, ${STEPS} steps of 1 s per run)`,
      rows.flatMap((r) => [
        {
          what: `${r.size} runs: API requests per run`,
          app: { value: r.requests / r.size, unit: 'req/run', note: `${r.requests} in ${(r.minutes * 60).toFixed(0)} s = ${((100 * r.requests) / 5000).toFixed(1)}% of an hour's 5,000${r.failed ? `, ${r.failed} not done` : ''}` },
          ref: null,
          target: '<= 10, flat as runs grow',
          check: (a) => a <= 10 && r.failed === 0,
        },
        { what: `${r.size} runs: event-loop delay p99`, app: { value: r.p99, unit: 'ms' }, ref: null, target: '< 50 ms', check: (a) => a < 50 },
        { what: `${r.size} runs: memory growth (RSS)`, app: { value: Math.round(r.growthMb), unit: 'MB' }, ref: null, target: '< 64 MB', check: (a) => a < 64 },
      ]),
      print,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  benchRemoteBatches().catch((error) => {
    console.error(`remote batches bench failed: ${error.stack ?? error}`);
    process.exit(1);
  });
}
