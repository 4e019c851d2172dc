// The renderer while 32 agent runs stream: `fleet-control serve` on a small repository (one source file per module),
// a loopback OpenAI-compatible server in a child process streaming every answer over several seconds, and Debian's
// Chromium with a module's AS-IS document open in Monaco while the batch writes it and 31 others. Long tasks (over
// 50 ms) are counted with a PerformanceObserver for 'longtask'; the reference is the same page idle for as long.
//
// By hand: FLEET_OUT_DIR=out-agents node scripts/bench/agents-renderer.mjs   (after a build into that folder)

/* global window -- the functions handed to the page run there */

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { smallRepo, startServer } from './agents.mjs';
import { defaultModuleIds } from './catalog.mjs';
import { printTable } from './table.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, process.env.FLEET_OUT_DIR || 'out', 'main', 'cli.js');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TOKENS_PER_RUN = 3000;
const PAUSE_MS_PER_10_TOKENS = 25; // about 400 tokens a second per run: every answer streams for ~8 s
const OPEN_MODULE = 'fleet-hub';
const SETTLE_MS = 500;
const PANEL_MS = 3000;

/** Runs the built CLI with `args` in its own app-data folder; resolves with stdout, or with the printed URL for `serve`. */
function cli(args, home, { serve = false } = {}) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, FLEET_CONTROL_HOME: home, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => (code === 0 ? resolve({ output }) : reject(new Error(`fleet-control ${args[0]} exited ${code}:\n${output}`))));
    if (!serve) return;
    child.stdout.on('data', () => {
      const match = /(https?:\/\/\S+[?&]token=[\w-]+)/.exec(output);
      if (match) resolve({ url: match[1], stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', done), child.kill('SIGTERM')))) });
    });
  });
}

/** Records every long task in the page from the start: `window.__longTasks` = [{start, duration}]. */
function recordLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

const longTasksSince = (page, since) => page.evaluate((t) => window.__longTasks.filter((task) => task.start >= t), since);
const now = (page) => page.evaluate(() => performance.now());

function figures(tasks) {
  const longest = tasks.reduce((max, task) => Math.max(max, task.duration), 0);
  return { count: tasks.length, longest, total: tasks.reduce((sum, task) => sum + task.duration, 0) };
}

/** Measures long tasks in Chromium while a batch of every default module streams, the open module's editor following its draft. */
export async function benchAgentsRenderer({ print = console.log } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'fleet-bench-agents-renderer-'));
  const home = join(work, 'home');
  const repo = join(work, 'repo');
  const moduleIds = defaultModuleIds(ROOT);
  smallRepo(repo, moduleIds);
  await cli(['init', repo], home);
  const provider = await startServer(TOKENS_PER_RUN, PAUSE_MS_PER_10_TOKENS);
  const host = await cli(['serve', '--port', '0', repo], home, { serve: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  let idle;
  let streaming;
  let streamMs;
  let runs;
  let windows;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    await page.addInitScript(recordLongTasks);
    if (process.env.BENCH_PREVIEW) await page.addInitScript((mode) => window.localStorage.setItem('fleet-control.editor', JSON.stringify({ previewMode: mode })), process.env.BENCH_PREVIEW);
    await page.goto(host.url);
    await page.getByTestId('module-card').first().waitFor({ timeout: 60_000 });

    // A local provider at the loopback server, and every run at once.
    await page.evaluate(() => (window.location.hash = '#/settings/agents'));
    const lmstudio = page.locator('[data-testid="provider-card"][data-provider-id="lmstudio"]');
    await lmstudio.getByLabel('Base URL').fill(provider.baseUrl);
    await lmstudio.getByRole('button', { name: 'Save provider' }).click();
    const defaults = page.getByTestId('agent-defaults');
    await defaults.getByLabel('Runs at once').fill(String(moduleIds.length));
    await defaults.getByRole('button', { name: 'Save' }).click();
    await defaults.getByRole('status').waitFor();

    // The document a run will write, open in Monaco; the reference: that page idle for as long as the streams last.
    await page.evaluate((id) => (window.location.hash = `#/module/${id}/as-is`), OPEN_MODULE);
    await page.locator('[data-testid="markdown-editor"] .view-lines').waitFor({ timeout: 60_000 });

    await page.getByTestId('draft-with-agent').waitFor();
    await page.evaluate(() => (window.location.hash = '#/runs'));
    await page.getByRole('button', { name: 'Run agents…' }).click();
    const dialog = page.getByTestId('batch-dialog');
    await dialog.getByLabel('Provider').selectOption('lmstudio');
    await dialog.getByRole('button', { name: 'Estimate' }).click();
    const approve = dialog.getByRole('button', { name: /^Approve and start \d+ runs$/ });
    await approve.waitFor({ timeout: 60_000 });
    runs = Number(/(\d+)/.exec(await approve.textContent())[1]);
    const started = await now(page);
    await approve.click();
    // 1. The batch's run panel: every run's row live. Navigation itself (mounting a page) is left out of each window.
    await page.getByTestId('batch-panel').getByTestId('run-row').first().waitFor();
    await page.waitForTimeout(SETTLE_MS);
    const panelFrom = await now(page);
    await page.waitForTimeout(PANEL_MS);
    const panelTo = await now(page);
    // 2. The open document following its run's draft, until that run is done.
    await page.evaluate((id) => (window.location.hash = `#/module/${id}/as-is`), OPEN_MODULE);
    await page.locator('[data-testid="markdown-editor"] .view-lines').waitFor();
    await page.waitForTimeout(SETTLE_MS);
    const editorFrom = await now(page);
    await page.getByTestId('agent-writing').waitFor({ state: 'hidden', timeout: 300_000 });
    const editorTo = await now(page);
    await page.evaluate(() => (window.location.hash = '#/runs'));
    await page.locator('.batch-list .tag.state-finished, .batch-list .tag.state-stopped').first().waitFor({ timeout: 300_000 });
    streamMs = (await now(page)) - started;
    const all = await longTasksSince(page, started);
    const within = (from, to) => all.filter((task) => task.start >= from && task.start < to);
    streaming = { panel: figures(within(panelFrom, panelTo)), editor: figures(within(editorFrom, editorTo)), all: figures(all) };
    windows = { panel: panelTo - panelFrom, editor: editorTo - editorFrom };
    if (process.env.BENCH_DEBUG) print(JSON.stringify({ panelFrom: panelFrom - started, panelTo: panelTo - started, editorFrom: editorFrom - started, editorTo: editorTo - started, tasks: all.map((t) => [Math.round(t.start - started), Math.round(t.duration)]) }));

    // The reference: the same editor open, nothing streaming, for as long.
    await page.evaluate((id) => (window.location.hash = `#/module/${id}/to-be`), OPEN_MODULE);
    await page.locator('[data-testid="markdown-editor"] .view-lines').waitFor();
    const idleFrom = await now(page);
    await page.waitForTimeout(windows.panel + windows.editor);
    idle = figures(await longTasksSince(page, idleFrom));
  } finally {
    await browser.close();
    await host.stop();
    provider.stop();
    rmSync(work, { recursive: true, force: true });
  }
  const { panel, editor, all } = streaming;
  print(`${runs} runs of ${TOKENS_PER_RUN} tokens streamed in ${(streamMs / 1000).toFixed(1)} s: ${(windows.panel / 1000).toFixed(1)} s watched on the run panel, ${(windows.editor / 1000).toFixed(1)} s with ${OPEN_MODULE}'s AS-IS open in Monaco as its run wrote it`);
  print(`whole batch, page switches included: ${all.count} long tasks, longest ${all.longest.toFixed(0)} ms; load average now ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other work on the machine lengthens tasks)`);
  const tasks = (f) => ({ value: f.count, unit: 'tasks', note: f.count ? `${f.total.toFixed(0)} ms in all` : undefined });
  return printTable(
    `Renderer in Chromium while ${runs} agent runs stream (reference: the editor open, nothing streaming, as long)`,
    [
      { what: 'long tasks (> 50 ms), run panel of 32 live runs', app: tasks(panel), ref: tasks(idle), target: '0', check: (a) => a === 0 },
      { what: 'long tasks (> 50 ms), editor following its draft', app: tasks(editor), ref: tasks(idle), target: '0', check: (a) => a === 0 },
      { what: 'longest task while streams render', app: { value: Math.max(panel.longest, editor.longest), unit: 'ms' }, ref: { value: idle.longest, unit: 'ms' }, target: '< 50 ms', check: (a) => a < 50 },
    ],
    print,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  await benchAgentsRenderer();
}
