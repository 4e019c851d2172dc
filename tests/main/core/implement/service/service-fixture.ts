// Shared set-up for the run service's tests: a real repository (a small app whose fleet and driver code has a bug,
// and a check script that finds it), initialised, with a TO-BE design committed for fleet-hub and drivers-hub; an
// app over it with a loopback provider, its key and price; the check command set; helpers to wait for runs.

import { afterAll, afterEach, beforeAll } from 'vitest';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { chmodSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFleetApp, type FleetApp } from '../../../../../src/main/core/app';
import { createDispatcher } from '../../../../../src/main/api';
import type { ProviderConfig } from '../../../../../src/shared/providers';
import type { ImplementBatchProgress, ImplementProgress, ImplementRun, ImplementRunDetail } from '../../../../../src/shared/types-implement';
import { cleanupTempDirs, commitFiles, git, initRepo, makeTempDir } from '../../../../helpers/git';
import { startProviderServer, type AnswerFactory, type ProviderServer } from '../../../../helpers/provider-servers';

export const KEY = 'sk-loopback-implement-key-0123456789';

/** Whole runs talk through the providers' SDKs; where they are not installed, the tests of whole runs say so and skip. */
export const SDKS_INSTALLED = ((): boolean => {
  try {
    createRequire(import.meta.url).resolve('openai');
    return true;
  } catch {
    console.warn('skipping whole implementation runs: the openai SDK is not installed (npm ci)');
    return false;
  }
})();

/** The check: exits 1 naming the problem until both modules' add functions add; prints its own marker either way. */
export const CHECK_SCRIPT = [
  '#!/bin/sh',
  'echo "check: running in $(basename "$PWD")"',
  'grep -q "return a + b" api/src/fleet.js || { echo "FAIL: fleet add subtracts"; exit 1; }',
  'echo "check: passed"',
  '',
].join('\n');

export const FLEET_JS = 'export function add(a, b) {\n  return a - b;\n}\n';
export const DRIVER_JS = 'export function greet(name) {\n  return "hi " + name;\n}\n';

export interface Core {
  app: FleetApp;
  appDataDir: string;
  workRoot: string;
  repo: string;
  ok<T = unknown>(method: string, input?: unknown): Promise<T>;
  /** The error payload of a call that must fail. */
  fails(method: string, input?: unknown): Promise<{ code: string; message: string; data?: Record<string, unknown> }>;
  events: Array<{ event: string; payload: unknown }>;
}

/** A repository with the app's code on main, initialised (manifest + module branches), the check script on module/fleet-hub. */
export function makeRepo(): string {
  const dir = initRepo();
  commitFiles(dir, { 'README.md': '# fleet\n', 'package.json': '{ "name": "fleet", "scripts": { "test": "sh check.sh" } }\n', 'api/src/fleet.js': FLEET_JS, 'api/src/driver.js': DRIVER_JS, 'check.sh': CHECK_SCRIPT }, 'the app');
  chmodSync(join(dir, 'check.sh'), 0o755);
  git(dir, 'add', 'check.sh');
  git(dir, 'commit', '-q', '-m', 'check is executable');
  return dir;
}

/** A provider entry pointing at a loopback server. */
export function loopbackProvider(baseUrl: string, overrides: Partial<ProviderConfig> = {}): ProviderConfig {
  return {
    id: 'loopback',
    title: 'Loopback test server',
    kind: 'openai-compatible',
    baseUrl,
    models: ['test-model'],
    defaultModel: 'test-model',
    keyEnv: 'LOOPBACK_API_KEY',
    needsKey: true,
    contextWindow: 128_000,
    contextTokens: 24_000,
    maxOutputTokens: 2_000,
    stallSeconds: 5,
    ...overrides,
  };
}

/** A core over `repo` (a fresh app-data folder unless given), opened, initialised once. */
export async function newCore(repo: string, options: { appDataDir?: string; workRoot?: string; init?: boolean; resumeBatches?: boolean; env?: NodeJS.ProcessEnv; remotesEnv?: NodeJS.ProcessEnv } = {}): Promise<Core> {
  const appDataDir = options.appDataDir ?? makeTempDir('fleet-impl-home-');
  const workRoot = options.workRoot ?? makeTempDir('fleet-impl-work-');
  const app = createFleetApp({
    appDataDir,
    transport: 'browser',
    version: '0.0.0-test',
    watch: false,
    log: () => undefined,
    resumeBatches: options.resumeBatches,
    agents: { retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 1_000 }, env: {} },
    checks: { killGraceMs: 300 },
    // `env`: a test's own PATH (stand-in agent CLIs first), HOME and engine variables.
    launcher: { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env }, workRoot },
    implement: { progressIntervalMs: 20, killGraceMs: 300, engineQuestionMs: 1000 },
    // `remotesEnv`: remote tokens and host settings (a loopback GitHub), for CI repair.
    remotes: options.remotesEnv ? { env: options.remotesEnv } : undefined,
  });
  const dispatcher = createDispatcher(app.handlers, () => undefined);
  const events: Core['events'] = [];
  app.onEvent((event, payload) => events.push({ event, payload }));
  const call = (method: string, input: unknown = {}) => dispatcher.call(method, input);
  const core: Core = {
    app,
    appDataDir,
    workRoot,
    repo,
    events,
    async ok<T>(method: string, input: unknown = {}): Promise<T> {
      const result = await call(method, input);
      if (!result.ok) throw Object.assign(new Error(`${method}: ${result.error.code}: ${result.error.message}`), { code: result.error.code });
      return result.value as T;
    },
    async fails(method, input = {}) {
      const result = await call(method, input);
      if (result.ok) throw new Error(`${method} succeeded but should have failed`);
      return result.error;
    },
  };
  await app.openWorkspace(repo);
  if (options.init !== false) await app.initWorkspace({});
  return core;
}

/** Commits a TO-BE design for `moduleId` (written, not approved) through the app. */
export async function writeDesign(core: Core, moduleId: string, text = 'Make add() add its two arguments.'): Promise<void> {
  const tip = git(core.repo, 'rev-parse', `module/${moduleId}`);
  await core.ok('commitDocuments', { moduleId, expectedTip: tip, changes: [{ kind: 'to-be', content: `---\nmodule: ${moduleId}\ndocument: to-be\napproved: false\n---\n\n# TO-BE\n\n${text}\n` }], message: 'TO-BE' });
}

/** The loopback provider saved with its key and price, and the check command set (trusted: the user typed it). */
export async function configure(core: Core, baseUrl: string, options: { provider?: Partial<ProviderConfig>; price?: { input: number; output: number }; check?: string | null } = {}): Promise<void> {
  await core.ok('saveProvider', { provider: loopbackProvider(baseUrl, options.provider) });
  await core.ok('setProviderKey', { id: 'loopback', key: KEY });
  const prices = await core.ok<{ prices: Record<string, unknown>; branchTip: string }>('getPrices');
  await core.ok('savePrices', { prices: { ...prices.prices, 'loopback/test-model': options.price ?? { input: 2, output: 10 } }, expectedTip: prices.branchTip });
  if (options.check !== null) await core.ok('saveCheckSettings', { checks: { command: options.check ?? 'sh check.sh', timeoutSeconds: 30 } });
}

/** The run's last state, once it rests (review, failed, cancelled, ...). */
export function runEnd(core: Core, runId: string, timeoutMs = 20_000): Promise<ImplementRun> {
  return waitFor(core, timeoutMs, `run ${runId} to end`, () => {
    const last = core.events.filter((e) => e.event === 'implementFinished' && (e.payload as ImplementRun).runId === runId).at(-1)?.payload as ImplementRun | undefined;
    return last ?? null;
  });
}

/** The batch's last progress once it is no longer running. */
export function batchEnd(core: Core, batchId: string, timeoutMs = 20_000): Promise<ImplementBatchProgress> {
  return waitFor(core, timeoutMs, `batch ${batchId} to end`, () => {
    const last = core.events.filter((e) => e.event === 'implementBatchProgress' && (e.payload as ImplementBatchProgress).batchId === batchId).at(-1)?.payload as ImplementBatchProgress | undefined;
    return last && last.state !== 'running' ? last : null;
  });
}

/** Resolves once `found()` returns a value (checked now, at every event and every 20 ms for facts outside the app). */
export function waitFor<T>(core: Core, timeoutMs: number, what: string, found: () => T | null): Promise<T> {
  return new Promise((resolve, reject) => {
    const now = found();
    if (now !== null) return resolve(now);
    const done = (): void => {
      clearTimeout(timer);
      clearInterval(poll);
      off();
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const check = (): void => {
      const value = found();
      if (value === null) return;
      done();
      resolve(value);
    };
    const poll = setInterval(check, 20);
    const off = core.app.onEvent(check);
  });
}

/** Transcript entries a run's implementProgress events carried, in order. */
export function streamedEntries(core: Core, runId: string): ImplementProgress['entries'] {
  return core.events.filter((e) => e.event === 'implementProgress' && (e.payload as ImplementProgress).run.runId === runId).flatMap((e) => (e.payload as ImplementProgress).entries);
}

export const detail = (core: Core, runId: string): Promise<ImplementRunDetail> => core.ok<ImplementRunDetail>('getImplementRun', { runId });

/** HEAD, the index's bytes and `git status` of the user's clone: what no run may change. */
export function workTreeSnapshot(dir: string): { head: string; status: string; index: string } {
  return {
    head: git(dir, 'rev-parse', 'HEAD'),
    status: git(dir, 'status', '--porcelain=v1', '--untracked-files=all'),
    index: createHash('sha1').update(readFileSync(join(dir, '.git', 'index'))).digest('hex'),
  };
}

/** Every file below `dir` (recursively) with its bytes as text, for searching records for a secret. */
export function filesBelow(dir: string): Array<{ path: string; text: string }> {
  const found: Array<{ path: string; text: string }> = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) found.push({ path, text: readFileSync(path, 'latin1') });
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}

/** The forms a leaked key could take in text. */
export function keyForms(key: string): string[] {
  return [key, Buffer.from(key).toString('base64'), Buffer.from(key).toString('base64url'), encodeURIComponent(key)];
}

/** A fresh clone of `template` (the user's repository for one test). */
export function cloneOf(template: string): string {
  const repo = join(makeTempDir('fleet-impl-repo-'), 'repo');
  git(join(repo, '..'), 'clone', '-q', '--no-local', template, repo);
  return repo;
}

/** A loopback provider server whose answers come from the session a test sets (`server.session = toolSession(...)`). */
export async function sessionServer(): Promise<ProviderServer & { session: AnswerFactory }> {
  const holder: { session: AnswerFactory } = { session: () => ({ type: 'error', status: 500, body: { error: { message: 'no session scripted' } } }) };
  const server = await startProviderServer((request) => holder.session(request));
  return Object.defineProperty(server, 'session', { get: () => holder.session, set: (value: AnswerFactory) => (holder.session = value) }) as ProviderServer & { session: AnswerFactory };
}

/**
 * One test file's shared parts: a loopback provider (scripted sessions by default) and a template repository made once,
 * every core handed out disposed after each test and the server's script forgotten.
 */
export function serviceSuite<S extends ProviderServer = ProviderServer & { session: AnswerFactory }>(
  start: () => Promise<S> = sessionServer as unknown as () => Promise<S>,
): {
  readonly server: S;
  /** A core over a fresh clone of the template repository. */
  core(options?: Parameters<typeof newCore>[1]): Promise<Core>;
  /** Disposes `core` after the test too (one a test made itself). */
  track(core: Core): Core;
  /** Leaves a core the test disposed itself. */
  forget(core: Core): void;
} {
  let server: S | undefined;
  let template = '';
  const cores: Core[] = [];
  beforeAll(async () => {
    server = await start();
    template = makeRepo();
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.app.dispose();
    server?.reset();
  });
  afterAll(async () => {
    await server?.close();
    cleanupTempDirs();
  });
  return {
    get server(): S {
      if (!server) throw new Error('The suite\'s server starts in beforeAll.');
      return server;
    },
    async core(options = {}) {
      const core = await newCore(cloneOf(template), options);
      cores.push(core);
      return core;
    },
    track(core) {
      cores.push(core);
      return core;
    },
    forget(core) {
      cores.splice(cores.indexOf(core), 1);
    },
  };
}
