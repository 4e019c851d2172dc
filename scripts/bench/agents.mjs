// The agents bench: context-building time per module on the large repository, then 32 runs streaming at once
// from a loopback OpenAI-compatible server (a child process): tokens per second delivered to event listeners and
// the event-loop delay p99 of the process running the core. Imports the built core from out/main.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { defaultModuleIds } from './catalog.mjs';
import { git } from './git-cli.mjs';
import { printTable } from './table.mjs';
import { summarize } from './timing.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOKENS_PER_RUN = 3000;
const TOKEN_CHARS = 4; // the server streams 'tok ' per token

/** createFleetApp from the electron-vite build (the out/main/chunks/core-*.js chunk that exports it), or {error}. */
function loadBuiltCore() {
  const dir = join(ROOT, 'out', 'main', 'chunks');
  let chunks;
  try {
    chunks = readdirSync(dir).filter((name) => /^core-.*\.js$/.test(name));
  } catch {
    return { error: 'out/main is not built (npm run build)' };
  }
  // The build splits lazily loaded parts into chunks of their own: find the one the CLI's core lives in.
  const chunk = chunks.find((name) => readFileSync(join(dir, name), 'utf8').includes('exports, "createFleetApp"'));
  if (!chunk) return { error: `no chunk in ${dir} exports createFleetApp` };
  return { createFleetApp: createRequire(import.meta.url)(join(dir, chunk)).createFleetApp };
}

/** The loopback provider in a child process: `tokens` per answer, `pauseMs` every 10 tokens. */
export function startServer(tokens = TOKENS_PER_RUN, pauseMs = 1) {
  const child = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'agent-server.mjs'), String(tokens), String(pauseMs)], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (data) => resolve({ baseUrl: `http://127.0.0.1:${String(data).trim()}/v1`, stop: () => child.kill() }));
  });
}

const benchProvider = (baseUrl) => ({
  id: 'bench',
  title: 'Bench loopback server',
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

/** A small repository with one source file per default module, so every one of the 32 runs has code to send. */
export function smallRepo(dir, moduleIds) {
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '--initial-branch=main']);
  for (const id of moduleIds) {
    const folder = join(dir, 'src', id === 'data-protection' ? 'privacy' : id);
    mkdirSync(folder, { recursive: true });
    const lines = Array.from({ length: 60 }, (_, i) => `export function ${id.replace(/-(\w)/g, (_m, c) => c.toUpperCase())}Step${i}(input: number): number {\n  return input * ${i + 1};\n}\n`);
    writeFileSync(join(folder, `${id}.service.ts`), `// ${id}\n${lines.join('\n')}`);
  }
  writeFileSync(join(dir, 'package.json'), '{"name":"bench-small","dependencies":{}}\n');
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'Bench: one file per module']);
}

async function contextFigures(app, moduleIds) {
  const times = [];
  const files = [];
  let blocked = 0;
  for (const moduleId of moduleIds) {
    const started = performance.now();
    try {
      const preview = await app.handlers.previewContext({ moduleId, kind: 'as-is', provider: 'bench' });
      times.push(performance.now() - started);
      files.push(preview.files.length);
    } catch (error) {
      if (error.code !== 'NO_FILES_MATCH') throw error;
      blocked++;
    }
  }
  return { ...summarize(times), blocked, filesSent: summarize(files) };
}

async function streamingFigures(app) {
  let chars = 0;
  let first = null;
  let last = null;
  let batchId = null;
  let resolveEnd;
  const ended = new Promise((resolve) => (resolveEnd = resolve));
  const off = app.onEvent((event, payload) => {
    if (event === 'runProgress' && payload.delta) {
      chars += payload.delta.length;
      first ??= performance.now();
      last = performance.now();
    } else if (event === 'batchProgress' && payload.batchId === batchId && payload.state !== 'running') resolveEnd(payload);
  });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  ({ batchId } = await app.handlers.startBatch({ modules: 'all', kinds: ['as-is'], provider: 'bench', concurrency: 32 }));
  const end = await ended;
  const wallMs = performance.now() - started;
  delay.disable();
  off();
  const tokens = chars / TOKEN_CHARS;
  return {
    runs: end.total,
    succeeded: end.succeeded,
    tokens,
    expectedTokens: end.total * TOKENS_PER_RUN,
    tokensPerSecond: tokens / ((last - first) / 1000),
    wallMs,
    p99: delay.percentile(99) / 1e6,
    max: delay.max / 1e6,
  };
}

/** Runs the agents bench on `repoPath` (the large repository); prints its table and returns the verdicts. */
export async function benchAgents({ repoPath, print = console.log }) {
  const core = loadBuiltCore();
  if (core.error) {
    print(`agents: not measured (${core.error})`);
    return printTable('Agents', [{ what: 'agents bench', app: null, ref: null, pending: core.error }], print);
  }
  const work = mkdtempSync(join(tmpdir(), 'fleet-bench-agents-'));
  const server = await startServer();
  const moduleIds = defaultModuleIds(ROOT);
  const newApp = () => core.createFleetApp({ appDataDir: join(work, 'home'), transport: 'browser', version: 'bench', watch: false, log: () => undefined, agents: { env: {} } });
  let context;
  let stream;
  try {
    const large = newApp();
    try {
      await large.openWorkspace(repoPath);
      await large.handlers.saveProvider({ provider: benchProvider(server.baseUrl) });
      context = await contextFigures(large, moduleIds);
    } finally {
      await large.dispose();
    }
    const small = join(work, 'small-repo');
    smallRepo(small, moduleIds);
    const app = newApp();
    try {
      await app.openWorkspace(small);
      await app.initWorkspace({});
      stream = await streamingFigures(app);
    } finally {
      await app.dispose();
    }
  } finally {
    server.stop();
    rmSync(work, { recursive: true, force: true });
  }
  print(`context: ${moduleIds.length - context.blocked} modules with files (${context.blocked} match none), ${context.filesSent.median} files sent per module (median, budget 24k tokens)`);
  print(`streams: ${stream.succeeded}/${stream.runs} runs succeeded, ${Math.round(stream.tokens)} of ${stream.expectedTokens} tokens delivered to listeners in ${(stream.wallMs / 1000).toFixed(1)} s; event-loop delay max ${stream.max.toFixed(1)} ms`);
  return printTable(
    'Agents (built core in-process; loopback server in a child process)',
    [
      { what: 'context build per module, large repo', app: { value: context.median, unit: 'ms', note: `p95 ${context.p95.toFixed(1)}, max ${context.max.toFixed(1)}` }, ref: null },
      { what: `${stream.runs} runs streaming at once: tokens/s to listeners`, app: { value: Math.round(stream.tokensPerSecond), unit: 'tok/s', note: `${stream.succeeded} succeeded` }, ref: null },
      { what: `event-loop delay p99 during ${stream.runs} streams`, app: { value: stream.p99, unit: 'ms' }, ref: null, target: '< 50 ms', check: (a) => a < 50 && stream.succeeded === stream.runs },
    ],
    print,
  );
}
