// `runner-job` in process over a checkout made as actions/checkout makes it (depth 1, the module branch local, the
// workspace branch fetched): a run against a loopback OpenAI-compatible server lands on fleet/review/<module>/<run>,
// never on the module branch, and the record and transcript are written; bad input is refused before anything runs.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleetApp, type FleetApp } from '../../../src/main/core/app';
import { runnerJobCommand, type RunnerJobOptions } from '../../../src/main/cli-runner-job';
import { RunnerRecordSchema, type RunnerJobInput } from '../../../src/shared/types-runner';
import { actionsCheckout } from '../../helpers/actions-checkout';
import { cleanupTempDirs, git, makeTempDir } from '../../helpers/git';
import { startProviderServer, type ProviderServer } from '../../helpers/provider-servers';
import { filesBelow, forbiddenForms, leaks } from '../core/secrets/leak-check';
import { SOURCE, finishTurn, implementWorkspace, toolTurn } from './implement-fixture';

const KEY = 'sk-runner-job+Key/0123456789=zz';
let server: ProviderServer;

beforeAll(async () => {
  server = await startProviderServer(() => finishTurn('Nothing more to change.'));
});
afterAll(async () => {
  await server.close();
  cleanupTempDirs();
});

interface Job {
  checkout: string;
  home: string;
  out: string;
  lines: string[];
  code: number | null;
  error: Error | null;
}

async function runJob(checkout: string, input: Partial<RunnerJobInput>, env: NodeJS.ProcessEnv = { OPENAI_API_KEY: KEY }): Promise<Job> {
  const home = makeTempDir('fleet-runner-home-');
  const out = join(makeTempDir('fleet-runner-out-'), 'artifact');
  const app: FleetApp = createFleetApp({ appDataDir: home, transport: 'browser', version: 't', watch: false, log: () => undefined, agents: { env } });
  const lines: string[] = [];
  const job: Job = { checkout, home, out, lines, code: null, error: null };
  const options: RunnerJobOptions = {
    input: { kind: 'implement', moduleId: 'fleet-hub', tip: git(checkout, 'rev-parse', 'HEAD'), runId: 'r1', budgetUsd: 2, ...input },
    provider: 'openai',
    model: 'gpt-4.1-mini',
    baseUrl: server.baseUrl,
    maxTurns: 10,
    outDir: out,
    keyEnv: env,
  };
  try {
    await app.openWorkspace(checkout);
    job.code = await runnerJobCommand(app, checkout, options, (l) => lines.push(l), (l) => lines.push(l));
  } catch (error) {
    job.error = error as Error;
  } finally {
    await app.dispose();
  }
  return job;
}

const record = (job: Job) => RunnerRecordSchema.parse(JSON.parse(readFileSync(join(job.out, 'record.json'), 'utf8')));

describe('runner-job', () => {
  it('commits the run on fleet/review/<module>/<run> parented on the tip, leaves the module branch alone and writes the record', async () => {
    const { dir, tip } = await implementWorkspace();
    const checkout = actionsCheckout(dir, 'module/fleet-hub');
    server.reset();
    server.script(toolTurn([{ name: 'edit_file', args: { path: SOURCE, old_text: 'export {}', new_text: 'export const fixed = true;\n' } }]), finishTurn('The page exports the flag.'));
    const job = await runJob(checkout, { runId: 'run-7' });
    expect(job.error, job.lines.join('\n')).toBeNull();
    expect(job.code).toBe(0);
    const branch = 'fleet/review/fleet-hub/run-7';
    const commit = git(checkout, 'rev-parse', branch);
    expect(git(checkout, 'rev-parse', `${branch}^`)).toBe(tip);
    expect(git(checkout, 'rev-parse', 'module/fleet-hub')).toBe(tip);
    expect(git(checkout, 'show', `${branch}:${SOURCE}`)).toBe('export const fixed = true;');
    expect(git(checkout, 'diff', '--name-only', tip, branch)).toBe(SOURCE);
    const message = git(checkout, 'log', '-1', '--format=%B', branch);
    expect(message).toContain('Fleet-Remote-Run: run-7');
    expect(message).toContain('Fleet-Check: passed');
    const saved = record(job);
    expect(saved).toMatchObject({ kind: 'implement', outcome: 'review', runId: 'run-7', moduleId: 'fleet-hub', branch: 'module/fleet-hub', tip, reviewBranch: branch, reviewCommit: commit, error: null });
    expect(saved.costUsd).toBeGreaterThan(0);
    expect(readFileSync(join(job.out, 'transcript.jsonl'), 'utf8').split('\n').filter(Boolean).length).toBeGreaterThan(2);
    expect(leaks([{ where: 'lines', text: job.lines.join('\n') }, ...filesBelow(job.out), ...filesBelow(job.home)], forbiddenForms(KEY))).toEqual([]);
  });

  it('refuses a tip that is not the module branch tip, runs nothing and records why', async () => {
    const { dir } = await implementWorkspace();
    const checkout = actionsCheckout(dir, 'module/fleet-hub');
    server.reset();
    const job = await runJob(checkout, { tip: 'a'.repeat(40) });
    expect(job.error?.message).toMatch(/module\/fleet-hub is at [0-9a-f]{10}, not at aaaaaaaaaa the run was dispatched for/);
    expect(server.requests).toHaveLength(0);
    expect(git(checkout, 'branch', '--list', 'fleet/review/*')).toBe('');
    expect(record(job)).toMatchObject({ outcome: 'failed', reviewBranch: null, error: { code: 'BRANCH_MOVED' } });
  });

  it('refuses when the provider key variable is missing or empty, naming it', async () => {
    const { dir } = await implementWorkspace();
    const checkout = actionsCheckout(dir, 'module/fleet-hub');
    server.reset();
    const job = await runJob(checkout, {}, { OPENAI_API_KEY: '' });
    expect(job.error?.message).toMatch(/OPENAI_API_KEY is not set \(or empty\) in this step's environment/);
    expect(server.requests).toHaveLength(0);
    expect(record(job).error?.code).toBe('KEY_MISSING');
    // Azure Pipelines leaves $(NAME) in place when the secret variable does not exist.
    const azure = await runJob(checkout, {}, { OPENAI_API_KEY: '$(OPENAI_API_KEY)' });
    expect(azure.error?.message).toMatch(/OPENAI_API_KEY is not set/);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a budget too small for one run, with the estimate', async () => {
    const { dir } = await implementWorkspace();
    const checkout = actionsCheckout(dir, 'module/fleet-hub');
    server.reset();
    const job = await runJob(checkout, { budgetUsd: 0.000001 });
    expect(job.error?.message).toMatch(/The budget of \$0\.0000 is too small for one run of fleet-hub: the lowest estimate is \$\d/);
    expect(server.requests).toHaveLength(0);
    expect(git(checkout, 'branch', '--list', 'fleet/review/*')).toBe('');
    expect(existsSync(join(job.out, 'transcript.jsonl'))).toBe(false);
  });

  it('a check job runs the module check on the tip and records its result without a review branch', async () => {
    const { dir } = await implementWorkspace();
    const checkout = actionsCheckout(dir, 'module/fleet-hub');
    const job = await runJob(checkout, { kind: 'check', budgetUsd: undefined });
    expect(job.error, job.lines.join('\n')).toBeNull();
    // The fixture's check passes only once the page exports `fixed`, which the tip does not.
    expect(job.code).toBe(1);
    expect(record(job)).toMatchObject({ kind: 'check', outcome: 'check-failed', reviewBranch: null, check: { state: 'failed' } });
  });
});
