// Renderer figures in Debian's Chromium, over the built CLI host (`fleet-control serve`) on a given initialised
// repository: navigation to a visible board (all cards rendered), opening a module to an editable as-is ↔ to-be
// diff editor (Monaco loaded on demand, then already loaded), and the JavaScript sizes, gzipped, of the board
// (target: under 350 KB) and of the lazily loaded editor chunk (Monaco) and its worker.
//
// By hand: node scripts/bench/renderer-timing.mjs [<initialised repo>]   (no repo: the demo workspace, initialised)

/* global window, document, MutationObserver -- the functions handed to page.evaluate run in the page */

import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { printTable } from './table.mjs';
import { summarize } from './timing.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'bin', 'fleet-control.cjs');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const BOARD_BUDGET_KB = 350;
const CARD = '[data-testid="module-card"]';

const gz = (buffer) => gzipSync(buffer, { level: 9 }).length;
const kb = (bytes) => bytes / 1024;

/** `fleet-control serve --port 0 <repo>` in its own app-data folder; resolves with the printed URL and a stop(). */
async function startHost(repoPath, home) {
  const args = [CLI, 'serve', '--port', '0', ...(repoPath ? [repoPath] : [])];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, FLEET_CONTROL_HOME: home, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within 60 s:\n${output}`)), 60_000);
    const check = () => {
      const match = /(https?:\/\/\S+[?&]token=[\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before printing a URL:\n${output}`));
    });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  return { url, stop };
}

/** Records, inside the page, when the board and the editors first appear (performance.now(), ms since navigation). */
function installMarks(cards) {
  const marks = (window.__fleetMarks = {});
  const check = () => {
    if (marks.board === undefined && document.querySelectorAll('[data-testid="module-card"]').length >= cards) marks.board = performance.now();
    if (marks.openAt === undefined) return;
    if (marks.editor === undefined && document.querySelector('[data-testid="markdown-editor"] .view-lines')) marks.editor = performance.now();
    if (marks.diff === undefined && document.querySelectorAll('[data-testid="pair-diff"] .monaco-editor .view-lines').length === 2) marks.diff = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
}

/** Opens the module behind the board's `index`-th card, switches to as-is ↔ to-be, and times both steps. */
async function openModuleToDiff(page, index) {
  await page.evaluate((i) => {
    const marks = window.__fleetMarks;
    for (const key of ['openAt', 'editor', 'diff']) delete marks[key];
    marks.openAt = performance.now();
    document.querySelectorAll('[data-testid="module-card"]')[i].click();
  }, index);
  // The view switch is part of the editor chunk: clicking it as soon as it exists adds only automation latency.
  await page.getByRole('radio', { name: 'As-is ↔ To-be' }).check({ timeout: 60_000 });
  await page.waitForFunction(() => window.__fleetMarks.diff !== undefined, null, { timeout: 60_000 });
  const marks = await page.evaluate(() => window.__fleetMarks);
  return { editor: marks.editor - marks.openAt, diff: marks.diff - marks.openAt };
}

/** Gzipped size of the built worker, when the page's responses did not show it being fetched. */
function workerSize() {
  const assets = join(ROOT, 'out', 'renderer', 'assets');
  const file = existsSync(assets) ? readdirSync(assets).find((f) => /^editor\.worker-.*\.js$/.test(f)) : undefined;
  return file ? gz(readFileSync(join(assets, file))) : null;
}

/**
 * Measures the renderer over `repoPath` (initialised, so every module has its branch) and prints a table
 * with `print`. Returns the verdicts (PASS / FAIL / info lines) like the other bench sections.
 */
export async function benchRendererTiming({ repoPath, print = console.log, runs = 5, cards = 32 }) {
  const home = mkdtempSync(join(tmpdir(), 'fleet-bench-renderer-'));
  const host = await startHost(repoPath, home);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  const board = [];
  const coldEditor = [];
  const coldDiff = [];
  const warmDiff = [];
  let boardJs = null;
  let editorJs = null;
  let workerJs = null;
  try {
    for (let run = 0; run < runs; run++) {
      // A fresh context per run: empty HTTP cache, as on the first start of the app.
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
      const page = await context.newPage();
      await page.addInitScript(installMarks, cards);
      const scripts = new Map();
      const reading = [];
      page.on('response', (response) => {
        if (response.request().resourceType() !== 'script') return;
        reading.push(response.body().then((body) => scripts.set(new URL(response.url()).pathname, gz(body)), () => undefined));
      });
      const settled = () => Promise.all(reading);
      await page.goto(host.url);
      await page.waitForFunction(() => window.__fleetMarks.board !== undefined, null, { timeout: 60_000 });
      board.push(await page.evaluate(() => window.__fleetMarks.board));
      await settled();
      const boardScripts = new Set(scripts.keys());
      boardJs = [...scripts.values()].reduce((a, b) => a + b, 0);

      const cold = await openModuleToDiff(page, 0);
      coldEditor.push(cold.editor);
      coldDiff.push(cold.diff);
      await settled();
      const lazy = [...scripts.entries()].filter(([path]) => !boardScripts.has(path));
      editorJs = lazy.filter(([path]) => !/editor\.worker/.test(path)).reduce((a, [, b]) => a + b, 0);
      workerJs = lazy.find(([path]) => /editor\.worker/.test(path))?.[1] ?? workerJs;

      // Back to the board and into the next module: Monaco is loaded now, only the documents are new.
      await page.keyboard.press('Escape');
      await page.locator(CARD).first().waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      const warm = await openModuleToDiff(page, 1);
      warmDiff.push(warm.diff);
      await context.close();
    }
  } finally {
    await browser.close();
    await host.stop();
    rmSync(home, { recursive: true, force: true });
  }

  const ms = (samples, note) => {
    const s = summarize(samples);
    return { value: s.median, unit: 'ms', note: note ?? `p95 ${s.p95.toFixed(0)}` };
  };
  const worker = workerJs ?? workerSize();
  return printTable(
    `Renderer in Chromium (median of ${runs} fresh browser contexts, ${cards} modules)`,
    [
      { what: `board visible from navigation (${cards} cards)`, app: ms(board), target: '< 1 s', check: (a) => a < 1000 },
      { what: 'open a module: editable editor (Monaco not loaded yet)', app: ms(coldEditor) },
      { what: 'open a module: editable as-is/to-be diff (Monaco not loaded yet)', app: ms(coldDiff) },
      { what: 'open a module: editable as-is/to-be diff (Monaco loaded)', app: ms(warmDiff) },
      { what: "board's initial JavaScript, gzipped", app: boardJs == null ? null : { value: kb(boardJs), unit: 'KB' }, target: `< ${BOARD_BUDGET_KB} KB`, check: (a) => a < BOARD_BUDGET_KB },
      { what: 'editor chunk (Monaco, markdown, editor UI), gzipped', app: editorJs == null ? null : { value: kb(editorJs), unit: 'KB', note: 'lazy' } },
      { what: 'Monaco editor worker, gzipped', app: worker == null ? null : { value: kb(worker), unit: 'KB', note: 'lazy' } },
    ],
    print,
  );
}

/** For a run by hand without a repository: the demo workspace, generated by the app and initialised by its CLI. */
async function prepareDemo() {
  const home = mkdtempSync(join(tmpdir(), 'fleet-bench-demo-'));
  const host = await startHost(null, home);
  await host.stop();
  const repo = join(home, 'demo', 'fleetops');
  execFileSync(process.execPath, [CLI, 'init', repo], { cwd: ROOT, env: { ...process.env, FLEET_CONTROL_HOME: home }, stdio: 'ignore' });
  return { repo, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const given = process.argv[2];
  const demo = given ? null : await prepareDemo();
  try {
    console.log(`repository: ${given ?? `${demo.repo} (demo workspace, initialised)`}`);
    console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    await benchRendererTiming({ repoPath: given ?? demo.repo, print: console.log });
  } finally {
    demo?.cleanup();
  }
}
