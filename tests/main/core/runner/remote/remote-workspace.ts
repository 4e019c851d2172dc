// What the GitHub Actions and Azure Pipelines remote batch tests share: the workspace with three modules ready to
// implement (the CLI's implement fixture plus two more approved TO-BE designs), and the three-run budget scenario in
// which each run's model call reports half a run's lowest estimate and the budget covers two shares and a little; waits
// on what the app announces, and refusals.

import { createFleetApp, type FleetApp } from '../../../../../src/main/core/app';
import type { FleetError } from '../../../../../src/shared/errors';
import type { RemoteRun } from '../../../../../src/shared/types-remote';
import { DEFAULT_PRICES } from '../../../../../src/shared/prices';
import { git, makeTempDir } from '../../../../helpers/git';
import { openAiToolTurn, type ProviderServer } from '../../../../helpers/provider-servers';
import { SOURCE, implementWorkspace } from '../../../cli/implement-fixture';

const TO_BE = '# TO-BE\n\n## Goal\nThe module page exports a `fixed` flag.\n\n## Changes\n- web/src/pages/FleetPage.tsx: export `const fixed = true`.\n';

/** The three modules the batches run on. */
export const THREE_MODULES = ['fleet-hub', 'drivers-hub', 'maintenance-hub'];

/** A workspace whose three modules each have an approved TO-BE design, with main checked out. */
export async function threeModuleWorkspace(): Promise<string> {
  const { dir } = await implementWorkspace();
  const setup = createFleetApp({ appDataDir: makeTempDir('fleet-remote-setup-'), transport: 'browser', version: 't', watch: false, log: () => undefined });
  await setup.openWorkspace(dir);
  for (const moduleId of THREE_MODULES.slice(1)) {
    const { commit } = await setup.handlers.commitDocuments({ moduleId, expectedTip: git(dir, 'rev-parse', `module/${moduleId}`), changes: [{ kind: 'to-be', content: TO_BE }], message: '' });
    await setup.handlers.approveDocument({ moduleId, kind: 'to-be', expectedTip: commit, approved: true });
  }
  await setup.dispose();
  git(dir, 'checkout', '-q', 'main');
  return dir;
}

/** Scripts three runs whose one model call each costs half of the highest lowest estimate; the budget: 2.2 of those. */
export async function scriptHalfShareRuns(app: FleetApp, provider: ProviderServer): Promise<{ low: number; budget: number; lowOf: (moduleId: string) => number }> {
  const estimate = await app.handlers.estimateImplement({ modules: THREE_MODULES, provider: 'openai', model: 'gpt-4.1-mini', baseUrl: provider.baseUrl, budgetUsd: 100 });
  const low = Math.max(...estimate.runs.map((r) => r.lowUsd!));
  const price = DEFAULT_PRICES['openai/gpt-4.1-mini']!;
  const tokens = Math.round((0.5 * low * 1e6) / price.input);
  provider.reset();
  const edit = { name: 'edit_file', args: { path: SOURCE, old_text: 'export {}', new_text: 'export const fixed = true;' } };
  for (let i = 0; i < 3; i++) provider.script(openAiToolTurn({ toolCalls: [edit, { name: 'finish', args: { summary: 'Exports the flag.' } }], promptTokens: tokens, completionTokens: 10, model: 'gpt-4.1-mini' }));
  return { low, budget: 2.2 * low, lowOf: (moduleId) => estimate.runs.find((r) => r.moduleId === moduleId)!.lowUsd! };
}

/** Reads until `done` holds (every 50 ms), failing with what was last read after `ms`. */
export async function until<T>(read: () => T | Promise<T>, done: (value: T) => boolean, what: string, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`${what} did not happen: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const ended = (run: RemoteRun): boolean => ['done', 'failed', 'cancelled', 'timed-out', 'skipped'].includes(run.state);

/** The last state the app announced for the run, once it ended. */
export function whenEnded(seen: RemoteRun[], runId: string): Promise<RemoteRun> {
  return until(() => seen.filter((r) => r.runId === runId).at(-1), (run) => run !== undefined && ended(run), `the end of ${runId}`) as Promise<RemoteRun>;
}

export async function refusal(call: Promise<unknown>): Promise<FleetError> {
  return call.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: FleetError) => error,
  );
}
