// `npm test`: makes sure Debian's Chromium (and bubblewrap) are present, then runs lint, typecheck, build, vitest and Playwright
// in order, stops at the first failure, and ends with one line: `tests: N passed, N failed, N skipped`.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'test-results');
const VITEST_JSON = join(RESULTS, 'vitest.json');
const PLAYWRIGHT_JSON = join(RESULTS, 'playwright.json');
const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const INSTALL_HINT = 'sudo apt-get install -y chromium';

const totals = { passed: 0, failed: 0, skipped: 0 };
const skippedTests = [];

/** Runs a command with inherited output; resolves to its exit code. */
function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function onPath(program) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, program)));
}

/** Runs apt-get, folding its download and unpack chatter into counts; prints the tail only on failure. */
function aptGet(args) {
  return new Promise((resolve) => {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const child = spawn('apt-get', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const all = [];
    let folded = 0;
    let pending = '';
    const onData = (chunk) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        all.push(line);
        if (/^(\s|Get:|Hit:|Ign:|Selecting|Preparing|Unpacking|Setting up|Processing triggers|\(Reading database)/.test(line)) folded++;
        else if (line.trim()) console.log(`  apt | ${line}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', () => resolve(127));
    child.on('close', (code) => {
      if (folded) console.log(`  apt | (${folded} download/unpack/setup lines folded)`);
      if (code !== 0) console.log(all.slice(-30).map((l) => `  apt ! ${l}`).join('\n'));
      resolve(code ?? 1);
    });
  });
}

/** The Chromium binary Playwright drives: CHROMIUM_PATH or Debian's, installed with apt-get when we are root. */
async function ensureChromium() {
  const wanted = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (existsSync(wanted)) return wanted;
  if (process.env.CHROMIUM_PATH) {
    console.error(`CHROMIUM_PATH points at ${wanted}, which does not exist. Install Chromium with: ${INSTALL_HINT}`);
    process.exit(1);
  }
  if (process.getuid?.() !== 0 || !onPath('apt-get')) {
    console.error(`Chromium is missing at ${DEFAULT_CHROMIUM}; install it with: ${INSTALL_HINT}`);
    process.exit(1);
  }
  heading('chromium', 'apt-get update && apt-get install -y chromium');
  const ok = (await aptGet(['update'])) === 0 && (await aptGet(['install', '-y', 'chromium'])) === 0;
  if (!ok || !existsSync(DEFAULT_CHROMIUM)) {
    console.error(`Installing Chromium with apt-get failed; install it with: ${INSTALL_HINT}`);
    process.exit(1);
  }
  return DEFAULT_CHROMIUM;
}

/**
 * bubblewrap, the sandbox check commands run in on Linux: installed with apt-get like Chromium when we are root.
 * Not fatal when missing: the app then runs commands unsandboxed, and the sandbox tests say they were skipped.
 */
async function ensureBubblewrap() {
  if (process.platform !== 'linux' || onPath('bwrap')) return;
  if (process.getuid?.() !== 0 || !onPath('apt-get')) {
    console.log('bubblewrap (bwrap) is missing: the sandbox tests will be skipped; install it with: sudo apt-get install -y bubblewrap');
    return;
  }
  heading('bubblewrap', 'apt-get update && apt-get install -y bubblewrap');
  const ok = (await aptGet(['update'])) === 0 && (await aptGet(['install', '-y', 'bubblewrap'])) === 0;
  if (!ok || !onPath('bwrap')) console.log('Installing bubblewrap with apt-get failed: the sandbox tests will be skipped.');
}

function heading(name, command) {
  console.log(`\n==> ${name}: ${command}`);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Vitest's JSON (Jest's format). A test file that failed to load has no tests: it counts as one failure. */
function countVitest() {
  const report = readJson(VITEST_JSON);
  if (!report) return console.log(`(no vitest results at ${relative(ROOT, VITEST_JSON)})`);
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const file of report.testResults ?? []) {
    const name = relative(ROOT, file.name);
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')) totals.failed++;
    for (const t of file.assertionResults ?? []) {
      if (['skipped', 'pending', 'todo'].includes(t.status)) skippedTests.push(`${name} › ${t.fullName}${t.status === 'todo' ? ' (todo)' : ''}`);
    }
  }
}

/** Playwright's JSON: stats, plus each skipped test's reason from its `skip`/`fixme` annotation. */
function countPlaywright() {
  const report = readJson(PLAYWRIGHT_JSON);
  if (!report) return console.log(`(no Playwright results at ${relative(ROOT, PLAYWRIGHT_JSON)})`);
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats ?? {};
  totals.passed += expected + flaky;
  if (flaky) console.log(`(${flaky} end-to-end test(s) passed only on retry: flaky)`);
  totals.failed += unexpected + (report.errors ?? []).length;
  totals.skipped += skipped;
  const testDir = report.config?.rootDir ?? ROOT;
  const visit = (suite, file) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'skipped') continue;
        const notes = [...(t.annotations ?? []), ...(t.results ?? []).flatMap((r) => r.annotations ?? [])];
        const reason = notes.find((a) => (a.type === 'skip' || a.type === 'fixme') && a.description)?.description;
        const project = t.projectName ? `[${t.projectName}] ` : '';
        // In a serial group, the tests after a failure are reported skipped, with no skip annotation of their own.
        const why = reason ?? (notes.some((a) => a.type === 'serial') ? 'did not run: an earlier test in its serial group failed' : 'no reason given');
        skippedTests.push(`${project}${relative(ROOT, join(testDir, file ?? spec.file))} › ${spec.title}: ${why}`);
      }
    }
    for (const child of suite.suites ?? []) visit(child, file ?? suite.file);
  };
  for (const suite of report.suites ?? []) visit(suite, suite.file);
}

/**
 * A tool from the project's node_modules, run as `node <its bin script>`: what `npx <tool>` runs, without
 * depending on the script's executable bit or npx's own start-up.
 */
function localTool(pkg, bin, args) {
  const shown = [bin, ...args].join(' ');
  const manifest = readJson(join(ROOT, 'node_modules', pkg, 'package.json'));
  const entry = typeof manifest?.bin === 'string' ? manifest.bin : manifest?.bin?.[bin];
  if (!entry) return { shown, missing: `${pkg} is not installed (no node_modules/${pkg}); run npm ci first` };
  return { command: process.execPath, args: [join(ROOT, 'node_modules', pkg, entry), ...args], shown };
}

function hasPlaywrightConfig() {
  return ['ts', 'mts', 'js', 'mjs', 'cjs'].some((ext) => existsSync(join(ROOT, `playwright.config.${ext}`)));
}

async function main() {
  const chromium = await ensureChromium();
  console.log(`Chromium: ${chromium}`);
  await ensureBubblewrap();
  const env = { ...process.env, CHROMIUM_PATH: chromium };
  rmSync(VITEST_JSON, { force: true });
  rmSync(PLAYWRIGHT_JSON, { force: true });
  mkdirSync(RESULTS, { recursive: true });

  const steps = [
    { name: 'lint', ...localTool('eslint', 'eslint', ['.']) },
    { name: 'typecheck', command: 'npm', args: ['run', '--silent', 'typecheck'], shown: 'npm run typecheck' },
    { name: 'build', ...localTool('electron-vite', 'electron-vite', ['build']) },
    { name: 'runner bundle', command: process.execPath, args: ['scripts/build-runner.mjs'], shown: 'npm run build:runner' },
    {
      name: 'unit and integration tests',
      ...localTool('vitest', 'vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile=${relative(ROOT, VITEST_JSON)}`]),
      after: countVitest,
    },
    {
      name: 'end-to-end tests',
      ...localTool('@playwright/test', 'playwright', ['test', '--reporter=list,json']),
      env: { PLAYWRIGHT_JSON_OUTPUT_NAME: relative(ROOT, PLAYWRIGHT_JSON) },
      check: () => hasPlaywrightConfig() || 'playwright.config.ts is missing, so the end-to-end tests cannot run',
      after: countPlaywright,
    },
  ];

  let failedStep = null;
  for (const step of steps) {
    heading(step.name, step.shown);
    const problem = step.missing ?? step.check?.();
    if (typeof problem === 'string') {
      console.error(problem);
      failedStep = step.name;
      break;
    }
    const started = Date.now();
    const code = await run(step.command, step.args, { ...env, ...step.env });
    // Read results at once: Playwright empties its output folder (test-results/ by default) when it starts.
    step.after?.();
    console.log(`<== ${step.name}: ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (code !== 0) {
      failedStep = step.name;
      break;
    }
  }

  if (skippedTests.length) console.log(`\nSkipped tests:\n${skippedTests.map((s) => `  - ${s}`).join('\n')}`);
  if (failedStep) console.log(`\nStopped at: ${failedStep}`);
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(failedStep || totals.failed > 0 ? 1 : 0);
}

await main();
