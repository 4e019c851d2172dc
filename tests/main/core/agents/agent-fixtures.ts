// Shared set-up for the agents' tests: a core over a temp app-data folder, the demo repository initialised with
// its module branches, a loopback provider saved as a provider, and waiting for a batch to end.

import { createFleetApp, type FleetApp, type FleetAppOptions } from '../../../../src/main/core/app';
import { createDispatcher, type ContractDispatcher } from '../../../../src/main/api';
import { generateDemoRepository } from '../../../../src/main/core/demo/demo-repo';
import type { AgentTuning } from '../../../../src/main/core/agents/agent-service';
import type { BatchProgress, RunProgress, RunRecord } from '../../../../src/shared/types-agents';
import type { ProviderConfig } from '../../../../src/shared/providers';
import { makeTempDir } from '../../../helpers/git';

export const FAST: AgentTuning = {
  retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 200, maxRetryAfterMs: 5_000 },
  draftIntervalMs: 50,
  progressIntervalMs: 20,
  env: {},
};

export interface Core {
  app: FleetApp;
  call: ContractDispatcher['call'];
  /** Calls a method and returns its value, or throws its error payload as an Error with `code`. */
  ok<T = unknown>(method: string, input?: unknown): Promise<T>;
  events: Array<{ event: string; payload: unknown }>;
  logs: string[];
}

/** A core over `appDataDir` (a new temp folder by default); `options` as the desktop app or `serve` would set them. */
export function newCore(appDataDir = makeTempDir('fleet-agents-home-'), tuning: AgentTuning = FAST, options: Partial<FleetAppOptions> = {}): Core {
  const logs: string[] = [];
  const app = createFleetApp({ appDataDir, transport: 'browser', version: '0.0.0-test', watch: false, agents: tuning, log: (m, e) => logs.push(`${m} ${e instanceof Error ? e.message : (e ?? '')}`), ...options });
  const dispatcher = createDispatcher(app.handlers, (m, e) => logs.push(`${m} ${String(e)}`));
  const events: Core['events'] = [];
  app.onEvent((event, payload) => events.push({ event, payload }));
  return {
    app,
    call: dispatcher.call.bind(dispatcher),
    events,
    logs,
    async ok<T>(method: string, input: unknown = {}): Promise<T> {
      const result = await dispatcher.call(method, input);
      if (!result.ok) throw Object.assign(new Error(`${method}: ${result.error.code}: ${result.error.message}`), { code: result.error.code, payload: result.error });
      return result.value as T;
    },
  };
}

/** A fresh copy of the demo repository (28 feature areas, 41 commits on main). */
export async function demoRepo(): Promise<string> {
  const dir = `${makeTempDir('fleet-agents-demo-')}/fleetops`;
  await generateDemoRepository(dir);
  return dir;
}

/** Opens `repo` and initialises it (module branches, manifest). */
export async function openInitialised(core: Core, repo: string): Promise<void> {
  await core.app.openWorkspace(repo);
  await core.app.initWorkspace({});
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
    maxOutputTokens: 4_000,
    stallSeconds: 5,
    ...overrides,
  };
}

/** Resolves with the last batchProgress of `batchId` once it is no longer running. */
export function batchEnd(core: Core, batchId: string, timeoutMs = 20_000): Promise<BatchProgress> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`batch ${batchId} did not end within ${timeoutMs} ms`)), timeoutMs);
    const check = (): boolean => {
      const last = core.events.filter((e) => e.event === 'batchProgress' && (e.payload as BatchProgress).batchId === batchId).at(-1)?.payload as BatchProgress | undefined;
      if (last && last.state !== 'running') {
        clearTimeout(timer);
        resolve(last);
        return true;
      }
      return false;
    };
    if (check()) return;
    const off = core.app.onEvent(() => {
      if (check()) off();
    });
  });
}

/** The text a run streamed, joined from its runProgress deltas. */
export function streamedText(core: Core, runId: string): string {
  return core.events
    .filter((e) => e.event === 'runProgress' && (e.payload as RunProgress).runId === runId)
    .map((e) => (e.payload as RunProgress).delta)
    .join('');
}

export function finishedRuns(core: Core): RunRecord[] {
  return core.events.filter((e) => e.event === 'runFinished').map((e) => e.payload as RunRecord);
}
