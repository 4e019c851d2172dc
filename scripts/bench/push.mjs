// Push and fetch figures, the app (its core in-process, one receive-pack request per remote) against git, each
// to its own identical loopback git-http-backend server in the same run: the first push of 32 module branches
// (the remote holding only the base, as measured in issue 5), then 32 branches each with one new document commit,
// then the same kind of update fetched by the app and by `git fetch`.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defaultModuleIds } from './catalog.mjs';
import { GIT_ENV, git } from './git-cli.mjs';
import { startGitServer } from './git-http-server.mjs';
import { summarize } from './timing.mjs';
import { printTable } from './table.mjs';
import { buildCore } from './core-build.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOKEN = 'bench-token';
const BENCH_REMOTES = ['bench-app', 'bench-git', 'bench-cli', 'bench-cold'];
const AUTH = `Authorization: Basic ${Buffer.from(`bench:${TOKEN}`).toString('base64')}`;

/** Runs a command without blocking this process (it also serves the git server); resolves with stdout and stderr. */
function runWithStderr(command, args, { cwd, env = GIT_ENV } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ stdout, stderr }) : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.trim().split('\n').slice(-2).join(' ')}`))));
  });
}

/** As runWithStderr(), resolving with stdout. */
const run = (command, args, options) => runWithStderr(command, args, options).then(({ stdout }) => stdout);

async function timed(fn) {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/** One new document commit on each module branch of `repo`, in one fast-import process. */
function commitDocs(repo, branches, round) {
  const when = Math.floor(Date.now() / 1000) + round;
  let stream = '';
  for (const branch of branches) {
    const id = branch.slice('module/'.length);
    const message = `docs(${id}): bench edit ${round}\n`;
    const text = `# ${id}: as-is analysis\n\nBench round ${round}: findings checked against the code.\n`;
    stream += `commit refs/heads/${branch}\ncommitter Bench Author <bench@example.com> ${when} +0000\ndata ${Buffer.byteLength(message)}\n${message}`;
    stream += `from refs/heads/${branch}^0\nM 100644 inline enhancements/${id}/AS_IS_ANALYSIS.md\ndata ${Buffer.byteLength(text)}\n${text}\n`;
  }
  git(repo, ['fast-import', '--quiet', '--done'], { input: `${stream}done\n` });
}

/** Deletes refs matching `patterns` in `repo` (one update-ref process). */
function deleteRefs(repo, patterns) {
  const refs = git(repo, ['for-each-ref', '--format=delete %(refname)', ...patterns]);
  if (refs) git(repo, ['update-ref', '--stdin'], { input: `${refs}\n` });
}

/** Starts a job through the app's handlers and waits for its jobFinished; throws when it failed. */
async function runJob(app, start) {
  let resolveDone;
  const done = new Promise((resolve) => (resolveDone = resolve));
  const seen = [];
  let jobId = null;
  const off = app.onEvent((event, payload) => {
    if (event !== 'jobFinished') return;
    seen.push(payload);
    if (jobId && payload.jobId === jobId) resolveDone(payload);
  });
  try {
    ({ jobId } = await start());
    const early = seen.find((f) => f.jobId === jobId);
    const finished = early ?? (await done);
    if (!finished.ok) throw new Error(`${finished.error?.code}: ${finished.error?.message}`);
    return finished.result;
  } finally {
    off();
  }
}

const ms = (s, note) => (s ? { value: s.median, unit: 'ms', note: note ?? `p95 ${s.p95.toFixed(0)}` } : null);

/**
 * Measures push and fetch of 32 module branches against git. `repoPath` is an initialised workspace (module
 * branches exist); its refs and config are restored afterwards. Returns the verdicts printed.
 */
export async function benchPush({ repoPath, print = console.log, coreDir, cli, runs = 5 }) {
  const repo = repoPath;
  const moduleBranches = defaultModuleIds(ROOT).map((id) => `module/${id}`).filter((b) => git(repo, ['for-each-ref', `refs/heads/${b}`]) !== '');
  if (moduleBranches.length === 0) throw new Error(`${repo} has no module branches: initialise it first`);
  const pushed = [...moduleBranches, 'fleet/workspace'];
  const originalTips = git(repo, ['for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads/module/']);
  if (!coreDir) {
    // Inside the project, so the compiled core resolves its dependencies from node_modules.
    const built = await buildCore(ROOT, join(ROOT, '.bench-cache', 'core-build-push'));
    if (built.error) throw new Error(built.error);
    coreDir = built.dir;
  }
  const { createFleetApp } = await import(pathToFileURL(join(coreDir, 'app.mjs')).href);
  // Remotes left by an interrupted run would make `remote add` fail.
  for (const name of BENCH_REMOTES) if (git(repo, ['remote']).split('\n').includes(name)) git(repo, ['remote', 'remove', name]);
  const work = mkdtempSync(join(tmpdir(), 'fleet-bench-push-'));
  const appHome = join(work, 'app-home');
  const server = await startGitServer(work, TOKEN);
  const newApp = () => createFleetApp({ appDataDir: appHome, transport: 'browser', version: 'bench', watch: false, log: () => {}, remotes: { env: { FLEET_GIT_TOKEN: TOKEN } } });
  const samples = { app: [], git: [], cli: [], cliCold: [], appCreate: [], gitCreate: [], appFetch: [], gitFetch: [] };
  const notes = [];
  let pushApp = null;
  let fetchApp = null;
  try {
    // Identical servers: bare clones of the repository (objects hard-linked) with its base, workspace and module branches.
    for (const name of ['app', 'git', 'cli', 'cold']) {
      git(work, ['clone', '-q', '--bare', repo, `${name}.git`]);
      git(join(work, `${name}.git`), ['config', 'http.receivepack', 'true']);
      git(repo, ['remote', 'add', `bench-${name}`, server.url(name)]);
    }
    pushApp = newApp();
    const showBoard = async () => {
      // The refs moved behind the app's back (no watcher here): reopen, and show the board as the desktop app would.
      await pushApp.openWorkspace(repo);
      await pushApp.getBoard();
    };
    const appPush = async () => {
      const report = await runJob(pushApp, () => pushApp.handlers.pushBranches({ remotes: ['bench-app'] }));
      if (report.pushed !== moduleBranches.length || report.failed) throw new Error(`the app pushed ${report.pushed}, ${report.failed} failed: ${JSON.stringify(report.remotes[0].error ?? report.remotes[0].branches.find((b) => b.code))}`);
    };
    const gitPush = () => run('git', ['-c', `http.extraHeader=${AUTH}`, 'push', '-q', 'bench-git', ...pushed], { cwd: repo });
    // Alternate who goes first, so neither always meets a warmer page cache.
    const measurePair = async (round, appKey, gitKey) => {
      const order = round % 2 === 0 ? [[appKey, appPush], [gitKey, gitPush]] : [[gitKey, gitPush], [appKey, appPush]];
      for (const [key, fn] of order) samples[key].push((await timed(fn)).ms);
    };

    // Issue 5's case first: the servers hold only the base and workspace branches; each module branch is one
    // commit (init's templates) ahead of the base. The module branches are deleted on the servers between samples.
    for (let round = 0; round < runs; round++) {
      for (const name of ['app', 'git']) deleteRefs(join(work, `${name}.git`), ['refs/heads/module/']);
      deleteRefs(repo, ['refs/remotes/bench-app/', 'refs/remotes/bench-git/']);
      await showBoard();
      await measurePair(round, 'appCreate', 'gitCreate');
    }
    // The command line: with the background helper a push starts (FLEET_DEBUG=1 makes each push say whether the
    // helper ran it), and without one (FLEET_CONTROL_DAEMON=0: every push a new Node process, as the very first is).
    const helperEnv = { ...GIT_ENV, FLEET_CONTROL_HOME: appHome, FLEET_DEBUG: '1', FLEET_CONTROL_DAEMON_IDLE_MS: '120000' };
    const coldEnv = { ...GIT_ENV, FLEET_CONTROL_HOME: appHome, FLEET_CONTROL_DAEMON: '0' };
    const cliPush = (env, remote) => runWithStderr(process.execPath, [cli.bin, 'push', repo, '--remote', remote], { env: { ...env, FLEET_GIT_TOKEN: TOKEN } });
    let helperPid = null;
    let served = 0;
    if (cli?.bin) {
      // Nothing new to push yet: this push only starts the helper.
      await cliPush(helperEnv, 'bench-cli');
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
    // Then every round: one new document commit on each module branch, pushed as a fast-forward to each server.
    for (let round = 0; round < runs; round++) {
      commitDocs(repo, moduleBranches, round);
      await showBoard();
      await measurePair(round, 'app', 'git');
      if (cli?.bin) {
        const helped = async () => {
          const { ms, value } = await timed(() => cliPush(helperEnv, 'bench-cli'));
          const pid = value.stderr.match(/The background helper \(pid (\d+)\) runs this push/)?.[1];
          if (pid) {
            served++;
            helperPid = Number(pid);
          }
          samples.cli.push(ms);
        };
        const cold = async () => samples.cliCold.push((await timed(() => cliPush(coldEnv, 'bench-cold'))).ms);
        for (const fn of round % 2 === 0 ? [helped, cold] : [cold, helped]) await fn();
      }
    }
    if (cli?.bin) {
      notes.push(`the background helper ran ${served} of the ${runs} pushes measured with it`);
      if (helperPid && process.platform === 'linux') {
        const rss = readFileSync(`/proc/${helperPid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)?.[1];
        if (rss) notes.push(`the helper's resident memory after them: ${(Number(rss) / 1024).toFixed(0)} MB`);
      }
      await runWithStderr(process.execPath, [cli.bin, 'daemon', '--stop'], { env: helperEnv });
    }
    const sameOnServers = git(join(work, 'app.git'), ['for-each-ref', 'refs/heads/module/']) === git(join(work, 'git.git'), ['for-each-ref', 'refs/heads/module/']);
    notes.push(sameOnServers ? 'both servers hold the same 32 module branch tips after the runs' : 'THE SERVERS DIFFER after the runs');

    // Fetch: two clones that know the servers' current tips; each round the servers get one new commit per branch.
    for (const [clone, name] of [['fetch-app', 'app'], ['fetch-git', 'git']]) {
      git(work, ['clone', '-q', '--no-checkout', repo, clone]);
      git(join(work, clone), ['remote', 'set-url', 'origin', server.url(name)]);
    }
    fetchApp = newApp();
    await fetchApp.openWorkspace(join(work, 'fetch-app'));
    for (let round = runs; round < 2 * runs; round++) {
      commitDocs(repo, moduleBranches, round);
      await run('git', ['-c', `http.extraHeader=${AUTH}`, 'push', '-q', 'bench-app', ...moduleBranches], { cwd: repo });
      await run('git', ['-c', `http.extraHeader=${AUTH}`, 'push', '-q', 'bench-git', ...moduleBranches], { cwd: repo });
      const appFetch = async () => {
        const report = await runJob(fetchApp, () => fetchApp.handlers.fetchRemotes({ remotes: ['origin'] }));
        if (report.remotes[0].error || report.remotes[0].updated !== moduleBranches.length) throw new Error(`the app's fetch: ${JSON.stringify(report.remotes[0])}`);
      };
      const gitFetch = () => run('git', ['-c', `http.extraHeader=${AUTH}`, 'fetch', '-q', 'origin'], { cwd: join(work, 'fetch-git') });
      const order = round % 2 === 0 ? [['appFetch', appFetch], ['gitFetch', gitFetch]] : [['gitFetch', gitFetch], ['appFetch', appFetch]];
      for (const [who, fn] of order) samples[who].push((await timed(fn)).ms);
    }
    const fetchedSame = git(join(work, 'fetch-app'), ['for-each-ref', 'refs/remotes/origin/module/']) === git(join(work, 'fetch-git'), ['for-each-ref', 'refs/remotes/origin/module/']);
    notes.push(fetchedSame ? 'both clones hold the same remote-tracking tips after the fetches' : 'THE FETCHED TIPS DIFFER');
    git(join(work, 'fetch-app'), ['fsck', '--connectivity-only', '--no-progress']);
  } finally {
    await pushApp?.dispose();
    await fetchApp?.dispose();
    await server.close();
    for (const name of BENCH_REMOTES) {
      if (git(repo, ['remote']).split('\n').includes(name)) git(repo, ['remote', 'remove', name]);
    }
    const restore = originalTips.split('\n').filter(Boolean).map((line) => `update ${line}`);
    if (restore.length) git(repo, ['update-ref', '--stdin'], { input: `${restore.join('\n')}\n` });
    rmSync(work, { recursive: true, force: true });
  }
  for (const note of notes) print(note);
  const figure = (list) => (list.length ? summarize(list) : null);
  return printTable(
    `Push and fetch: ${moduleBranches.length} module branches (median of ${runs} runs each)`,
    [
      { what: `first push of ${moduleBranches.length} branches, one commit each (in-process)`, app: ms(figure(samples.appCreate)), ref: ms(figure(samples.gitCreate), 'git push'), target: '<= 1.5x git push', check: (a, r) => a <= 1.5 * r },
      { what: `push ${moduleBranches.length} branches, one new commit each (in-process)`, app: ms(figure(samples.app)), ref: ms(figure(samples.git), 'git push'), target: '<= 1.5x git push', check: (a, r) => a <= 1.5 * r },
      { what: 'the same, whole process (fleet-control push; the background helper the first push started runs it)', app: ms(figure(samples.cli)), ref: ms(figure(samples.git), 'git push'), target: '<= 1.5x git push', check: (a, r) => a <= 1.5 * r, pending: !cli?.bin && 'CLI' },
      { what: 'the same, whole process without a helper (FLEET_CONTROL_DAEMON=0; how a first push runs)', app: ms(figure(samples.cliCold)), ref: ms(figure(samples.git), 'git push'), pending: !cli?.bin && 'CLI' },
      { what: `fetch ${moduleBranches.length} branches, one new commit each (in-process)`, app: ms(figure(samples.appFetch)), ref: ms(figure(samples.gitFetch), 'git fetch') },
    ],
    print,
  );
}
