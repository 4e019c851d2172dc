// `fleet-control runner-job [<checkout>] --kind implement|check --module ID --tip SHA --run-id ID --out DIR ...`: one run
// of one module on a CI runner (see cli-runner-job.ts); exit 0 when it left a review branch or its check passed.

import { resolve } from 'node:path';
import { newApp } from '../cli-app';
import { print, printErr, UsageError } from '../cli-io';
import type { CommandInput } from '../cli-registry';
import { runnerJobCommand, type RunnerJobOptions } from '../cli-runner-job';
import { ENGINE_IDS, type EngineId } from '../../shared/types-engines';
import { RunnerJobInputSchema } from '../../shared/types-runner';

const FLAG_OF: Record<string, string> = { kind: '--kind', moduleId: '--module', tip: '--tip', runId: '--run-id', budgetUsd: '--budget' };

function wholeNumber(flag: string, text: string | undefined, max: number): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) throw new UsageError(`${flag} must be a whole number from 1 to ${max}, got "${text}"`);
  return Number(text);
}

/** The flags as the job's options; empty strings count as not given (a workflow passes an unset input as ''). */
export function parseRunnerJobValues(values: CommandInput['values']): RunnerJobOptions {
  const given = (text: string | undefined) => (text === undefined || text.trim() === '' ? undefined : text.trim());
  const budget = given(values.budget);
  if (budget !== undefined && !/^\d+(\.\d+)?$/.test(budget)) throw new UsageError(`--budget must be a number of dollars such as 2.50, got "${budget}"`);
  const parsed = RunnerJobInputSchema.safeParse({ kind: given(values.kind) ?? 'implement', moduleId: given(values.module), tip: given(values.tip), runId: given(values['run-id']), ...(budget !== undefined ? { budgetUsd: Number(budget) } : {}) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = FLAG_OF[String(issue.path[0])] ?? String(issue.path[0]);
    throw new UsageError(issue.code === 'invalid_type' ? `${flag} is required` : `${flag} ${issue.message}`);
  }
  const out = given(values.out);
  if (!out) throw new UsageError('--out is required: the folder the workflow uploads as the artifact');
  const engine = given(values.engine);
  if (engine !== undefined && !(ENGINE_IDS as readonly string[]).includes(engine)) throw new UsageError(`--engine must be one of ${ENGINE_IDS.join(', ')}, got "${engine}"`);
  return {
    input: parsed.data,
    engine: engine as EngineId | undefined,
    provider: given(values.provider),
    model: given(values.model),
    baseUrl: given(values['base-url']),
    maxTurns: wholeNumber('--max-turns', given(values['max-turns']), 500),
    maxMinutes: wholeNumber('--max-minutes', given(values['max-minutes']), 24 * 60),
    outDir: resolve(out),
  };
}

export async function run({ repo, values }: CommandInput): Promise<void> {
  const options = parseRunnerJobValues(values);
  const app = newApp('command');
  try {
    const checkout = resolve(repo ?? '.');
    await app.openWorkspace(checkout);
    process.exitCode = await runnerJobCommand(app, checkout, options, print, printErr);
  } finally {
    await app.dispose();
  }
}
