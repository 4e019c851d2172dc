// The whole-run figures of the implementation bench: N modules of the large repository implemented at once by the
// app's run service against a fast loopback agent (20 turns of read_file / search / edit_file each, then finish and
// the check `true`): the event-loop delay p99 of this process (which runs the core, as main does) and its memory
// growth per run, with the wall time and the runs' outcomes.

import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { printTable } from './table.mjs';

const TURNS = 20;
const TO_BE = (id) => `# ${id}: TO-BE design\n\n## Goal\nKeep a bench notes file up to date while reading the module's code.\n\n## Changes\n- bench-notes.md: a marker the agent moves forward.\n`;

const benchProvider = (baseUrl) => ({
  id: 'bench',
  title: 'Bench loopback agent',
  kind: 'openai-compatible',
  baseUrl,
  models: ['bench-model'],
  defaultModel: 'bench-model',
  keyEnv: null,
  needsKey: false,
  contextWindow: 128_000,
  contextTokens: 24_000,
  maxOutputTokens: 8_192,
  stallSeconds: 60,
});

/** The loopback agent in a child process (so its work does not count in this process's event loop). */
function startImplementServer(turns, readPath, pattern, glob) {
  const child = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'implement-server.mjs'), String(turns), readPath, pattern, glob], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (data) => resolve({ baseUrl: `http://127.0.0.1:${String(data).trim()}/v1`, stop: () => child.kill() }));
  });
}

/** Commits and approves a TO-BE for each module, so each can be implemented. */
async function approveDesigns(app, moduleIds) {
  const board = await app.getBoard();
  for (const moduleId of moduleIds) {
    const tip = board.modules.find((m) => m.id === moduleId)?.tip;
    const { commit } = await app.handlers.commitDocuments({ moduleId, expectedTip: tip, changes: [{ kind: 'to-be', content: TO_BE(moduleId) }], message: '' });
    await app.handlers.approveDocument({ moduleId, kind: 'to-be', expectedTip: commit, approved: true });
  }
}

/** Starts the batch and resolves with its runs once every one has ended; `onAllRunning` once none is preparing. */
function runBatch(app, request, onAllRunning) {
  return new Promise((resolve, reject) => {
    let runIds = null;
    const finished = new Map();
    const early = [];
    const settle = () => {
      if (!runIds || !runIds.every((id) => finished.has(id))) return;
      off();
      resolve(runIds.map((id) => finished.get(id)));
    };
    const running = new Set();
    const off = app.onEvent((event, payload) => {
      if (event === 'implementProgress' && payload.run.state === 'running' && !running.has(payload.run.runId)) {
        running.add(payload.run.runId);
        if (running.size === request.modules.length) onAllRunning();
      }
      if (event !== 'implementFinished') return;
      if (runIds === null) early.push(payload);
      else if (runIds.includes(payload.runId)) finished.set(payload.runId, payload);
      settle();
    });
    app.handlers.startImplement(request).then((started) => {
      runIds = started.runIds;
      for (const run of early) if (runIds.includes(run.runId)) finished.set(run.runId, run);
      settle();
    }, reject);
  });
}

/** N runs at once; returns the verdicts. */
export async function benchImplementRuns({ createFleetApp, repoPath, appDataDir, moduleIds, readPath, pattern, glob, print }) {
  const server = await startImplementServer(TURNS, readPath, pattern, glob);
  const app = createFleetApp({ appDataDir, transport: 'browser', version: 'bench', watch: false, log: () => undefined, agents: { env: {} } });
  const title = `Implementation: ${moduleIds.length} runs at once, ${TURNS} turns each (built core in-process; loopback agent in a child process)`;
  try {
    await app.openWorkspace(repoPath);
    await app.handlers.saveProvider({ provider: benchProvider(server.baseUrl) });
    const settings = await app.handlers.getImplementSettings({});
    await app.handlers.saveImplementSettings({ ...settings, maxWorkingCopies: Math.max(settings.maxWorkingCopies, moduleIds.length * 2), maxTurns: TURNS + 5 });
    await app.handlers.saveCheckSettings({ checks: { command: 'true', timeoutSeconds: 600 } });
    await approveDesigns(app, moduleIds);

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 25);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    // The same delay once every working copy is written: the turns alone (tool calls, transcript, events).
    const turnsDelay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const started = performance.now();
    let readyMs = null;
    const request = { modules: moduleIds, provider: 'bench', model: 'bench-model', concurrency: moduleIds.length, maxTurns: TURNS + 5 };
    const runs = await runBatch(app, request, () => {
      readyMs = performance.now() - started;
      turnsDelay.enable();
    });
    const wallMs = performance.now() - started;
    delay.disable();
    turnsDelay.disable();
    clearInterval(sampler);

    const states = Object.entries(runs.reduce((count, r) => ({ ...count, [`${r.state}/${r.stop}`]: (count[`${r.state}/${r.stop}`] ?? 0) + 1 }), {})).map(([k, v]) => `${v} ${k}`).join(', ');
    const good = runs.filter((r) => r.state === 'review' && r.changedFiles > 0).length;
    const turns = runs.reduce((sum, r) => sum + r.turns, 0);
    const calls = runs.reduce((sum, r) => sum + r.toolCalls, 0);
    print(`runs: ${states}; ${turns} turns and ${calls} tool calls in ${(wallMs / 1000).toFixed(1)} s; event-loop delay max ${(delay.max / 1e6).toFixed(1)} ms`);
    for (const run of runs) if (run.state !== 'review') print(`  ${run.moduleId}: ${run.state} (${run.stop}) ${run.error?.message ?? ''}`);
    for (const run of runs) if (run.workingCopy) await app.handlers.discardRun({ runId: run.runId }).catch(() => undefined);
    const perRunMB = (rssPeak - rssBefore) / (1 << 20) / runs.length;
    return printTable(title, [
      { what: `event-loop delay p99 during ${runs.length} runs`, app: { value: delay.percentile(99) / 1e6, unit: 'ms', note: `${good}/${runs.length} ready for review` }, ref: null, target: '< 50 ms', check: (a) => a < 50 && good === runs.length },
      { what: 'event-loop delay p99 once all copies are written', app: turnsDelay.count ? { value: turnsDelay.percentile(99) / 1e6, unit: 'ms', note: `max ${(turnsDelay.max / 1e6).toFixed(0)} ms` } : null, ref: null, target: '< 50 ms', check: (a) => a < 50, pending: !turnsDelay.count && 'no run reached running' },
      { what: 'memory per run (peak RSS growth / runs)', app: { value: Math.round(perRunMB * 10) / 10, unit: 'MB', note: `RSS ${Math.round(rssBefore / (1 << 20))} -> ${Math.round(rssPeak / (1 << 20))} MB` }, ref: null, target: '< 150 MB', check: (a) => a < 150 },
      { what: `wall time of ${runs.length} runs`, app: { value: wallMs, unit: 'ms', note: `${turns} turns; all copies written after ${readyMs == null ? '?' : (readyMs / 1000).toFixed(1)} s` }, ref: null },
    ], print);
  } catch (error) {
    print(`implementation runs: not measured (${error.code ?? ''} ${error.message})`);
    return printTable(title, [{ what: `${moduleIds.length} runs at once`, app: null, ref: null, pending: `run service: ${error.message.slice(0, 60)}` }], print);
  } finally {
    await app.dispose();
    server.stop();
  }
}
