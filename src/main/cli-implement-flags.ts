// The flags of `fleet-control implement` turned into an implementation request, each bad value refused naming its
// flag (the caller reports it as bad usage, exit code 2). The contract's own schema has the last word.

import { ImplementRequestSchema } from '../shared/contract-implement';
import type { ImplementRequest } from '../shared/types-implement';
import { ENGINE_IDS, type EngineId } from '../shared/types-engines';

export interface ImplementValues {
  modules?: string[];
  approved?: boolean;
  engine?: string;
  provider?: string;
  model?: string;
  'base-url'?: string;
  budget?: string;
  'max-turns'?: string;
  'max-minutes'?: string;
  concurrency?: string;
  instruction?: string;
  yes?: boolean;
  commit?: boolean;
  'commit-failing'?: boolean;
  'trust-commands'?: boolean;
  /** Repair the module branch's failing CI: the failure context becomes the instruction (one module). */
  'fix-ci'?: boolean;
  remote?: string[];
}

/** The request's field -> the flag that sets it, for error messages. */
const FLAG_OF: Record<string, string> = {
  modules: '--modules',
  engine: '--engine',
  provider: '--provider',
  model: '--model',
  baseUrl: '--base-url',
  budgetUsd: '--budget',
  maxTurns: '--max-turns',
  maxMinutes: '--max-minutes',
  concurrency: '--concurrency',
  instruction: '--instruction',
};

const list = (values: string[] | undefined): string[] => (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

function wholeNumber(flag: string, text: string | undefined, min: number, max: number, usage: (m: string) => Error): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw usage(`${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
  return n;
}

/** Turns the parsed flags into a request and the command's switches; `usage` builds the bad-usage error. */
export function parseImplementValues(values: ImplementValues, usage: (message: string) => Error) {
  const modules = list(values.modules);
  if (values.approved && modules.length) throw usage('give either --modules or --approved, not both');
  if (!values.approved && modules.length === 0) throw usage('implement needs --modules a,b or --approved');
  if (values['commit-failing'] && !values.commit) throw usage('--commit-failing only goes with --commit');
  if (values['fix-ci'] && (values.approved || modules.length !== 1)) throw usage('--fix-ci repairs one module: give --modules with exactly one module');
  if (values.remote !== undefined && !values['fix-ci']) throw usage('--remote only goes with --fix-ci');
  if ((values.remote?.length ?? 0) > 1) throw usage('--fix-ci reads the CI of one remote: give --remote once');
  const request: ImplementRequest = { modules: values.approved ? 'approved' : modules };
  if (values.engine !== undefined) {
    if (!(ENGINE_IDS as readonly string[]).includes(values.engine)) throw usage(`--engine must be one of ${ENGINE_IDS.join(', ')}, got "${values.engine}"`);
    request.engine = values.engine as EngineId;
  }
  if (values.provider !== undefined) request.provider = values.provider;
  if (values.model !== undefined) request.model = values.model;
  if (values['base-url'] !== undefined) request.baseUrl = values['base-url'];
  if (values.budget !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(values.budget)) throw usage(`--budget must be a number of dollars such as 2.50, got "${values.budget}"`);
    request.budgetUsd = Number(values.budget);
  }
  request.maxTurns = wholeNumber('--max-turns', values['max-turns'], 1, 500, usage);
  request.maxMinutes = wholeNumber('--max-minutes', values['max-minutes'], 1, 24 * 60, usage);
  request.concurrency = wholeNumber('--concurrency', values.concurrency, 1, 16, usage);
  if (values.instruction !== undefined) request.instruction = values.instruction;
  for (const key of ['maxTurns', 'maxMinutes', 'concurrency'] as const) if (request[key] === undefined) delete request[key];
  const checked = ImplementRequestSchema.safeParse(request);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const flag = FLAG_OF[String(issue.path[0])] ?? String(issue.path[0]);
    const index = typeof issue.path[1] === 'number' ? ` ("${modules[issue.path[1]]}")` : '';
    throw usage(`${flag}${index} ${issue.message}`);
  }
  const fixCi = values['fix-ci'] ? { remote: values.remote?.[0] } : undefined;
  return { request, yes: values.yes === true, commit: values.commit === true, commitFailing: values['commit-failing'] === true, trustCommands: values['trust-commands'] === true, fixCi };
}
