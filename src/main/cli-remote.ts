// `fleet-control implement ... --on github|azure` and `fleet-control check ... --on github|azure`: a remote batch
// (one CI run per module on the team's runners), followed to its end with a line per change of a run (stderr) and a
// summary per module (stdout). Exit 0 only when every run came back well (a change to review, a passed check);
// review and accept stay in the app (the module's Changes view), never here. Ctrl+C cancels the CI runs.

import type { FleetApp } from './core/app';
import { RemoteBatchRequestSchema } from '../shared/contract-remote';
import type { ImplementRequest } from '../shared/types-implement';
import type { RemoteBatchRequest, RemoteRun } from '../shared/types-remote';
import { REMOTE_RUN_ENDED, REMOTE_TARGETS, type RemoteTarget } from '../shared/types-remote';
import { INTERRUPTED } from './cli-exit';

type Print = (line?: string) => unknown;
type PrintErr = (line: string) => unknown;

const where = { github: 'GitHub Actions', azure: 'Azure Pipelines' } as const;

/** --on and --remote checked, the request of a remote batch built from the local one; `usage` builds the bad-usage error. */
export function remoteRequestOf(kind: RemoteBatchRequest['kind'], on: string, remotes: string[] | undefined, local: Pick<ImplementRequest, 'modules' | 'engine' | 'provider' | 'model' | 'baseUrl' | 'budgetUsd' | 'maxMinutes' | 'concurrency'>, usage: (message: string) => Error): RemoteBatchRequest {
  if (!(REMOTE_TARGETS as readonly string[]).includes(on)) throw usage(`--on must be one of ${REMOTE_TARGETS.join(', ')}, got "${on}"`);
  if ((remotes?.length ?? 0) > 1) throw usage('a remote batch runs on the CI of one remote: give --remote once');
  if (local.modules === 'approved') throw usage('--on runs the modules named: give --modules a,b');
  if (kind === 'implement' && local.budgetUsd === undefined) throw usage('--on needs --budget: each remote run gets its share of it');
  const request: RemoteBatchRequest = { kind, target: on as RemoteTarget, modules: local.modules };
  for (const key of ['engine', 'provider', 'model', 'baseUrl', 'budgetUsd', 'maxMinutes', 'concurrency'] as const) if (local[key] !== undefined) Object.assign(request, { [key]: local[key] });
  if (remotes?.[0]) request.remote = remotes[0];
  const checked = RemoteBatchRequestSchema.safeParse(request);
  if (!checked.success) throw usage(`${String(checked.error.issues[0]!.path[0] ?? '')} ${checked.error.issues[0]!.message}`.trim());
  return checked.data;
}

/** One line for a run: module, state, what it says, the CI run's link. */
export function remoteRunLine(run: RemoteRun): string {
  const cost = run.kind === 'implement' && REMOTE_RUN_ENDED.includes(run.state) ? `  ${run.costKnown ? '' : '≥'}${run.costUsd.toFixed(4)} USD` : '';
  return `${run.moduleId}  ${run.state}${run.message ? `  ${run.message}` : ''}${cost}${run.url ? `  ${run.url}` : ''}`;
}

/** Whether a run counts as a success for the exit code. */
export function remoteRunSucceeded(run: RemoteRun): boolean {
  return run.state === 'done' && (run.outcome === 'review' || run.outcome === 'passed');
}

/** Starts the batch, follows it to the end; returns the exit code. */
export async function remoteCommand(app: FleetApp, request: RemoteBatchRequest, print: Print, printErr: PrintErr): Promise<number> {
  const last = new Map<string, string>();
  let ids = new Set<string>();
  let finish: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (finish = resolve));
  const latest = new Map<string, RemoteRun>();
  const off = app.onEvent((event, payload) => {
    if (event !== 'remoteRunChanged') return;
    const run = payload as RemoteRun;
    if (!ids.has(run.runId)) return;
    latest.set(run.runId, run);
    const line = remoteRunLine(run);
    if (last.get(run.runId) !== line) printErr(line);
    last.set(run.runId, line);
    if ([...ids].every((id) => REMOTE_RUN_ENDED.includes(latest.get(id)?.state ?? 'queued'))) finish();
  });
  let batchId: string | null = null;
  let interrupted = false;
  const cancel = () => {
    if (interrupted) process.exit(INTERRUPTED);
    interrupted = true;
    printErr('Cancelling the CI runs… Ctrl+C again to quit at once (the runs then go on on the host).');
    if (batchId) void app.handlers.cancelRemoteBatch({ batchId }).catch(() => undefined);
  };
  process.on('SIGINT', cancel);
  try {
    const started = await app.handlers.startRemoteBatch(request);
    batchId = started.batch.batchId;
    ids = new Set(started.batch.runIds);
    for (const run of started.runs) latest.set(run.runId, run);
    print(`Remote batch ${batchId}: ${started.runs.length} run${started.runs.length === 1 ? '' : 's'} on ${where[request.target]} (${started.batch.remote}).`);
    if (started.runs.every((r) => REMOTE_RUN_ENDED.includes(r.state))) finish();
    if (interrupted) void app.handlers.cancelRemoteBatch({ batchId }).catch(() => undefined);
    await ended;
    const runs = await app.handlers.listRemoteRuns({ batchId });
    print('');
    for (const run of runs) print(remoteRunLine(run));
    const review = runs.filter((r) => r.review === 'pending');
    if (review.length) print(`Waiting for review: ${review.map((r) => r.moduleId).join(', ')}. Review and accept in Fleet Control (the module's Changes view), e.g. \`fleet-control serve <repo>\`.`);
    const ok = runs.filter(remoteRunSucceeded).length;
    const spent = runs.reduce((sum, r) => sum + r.costUsd, 0);
    print(`${ok} of ${runs.length} remote runs ${request.kind === 'check' ? 'passed' : 'ready for review'}${request.kind === 'implement' ? `; ${spent.toFixed(4)} USD spent` : ''}.`);
    if (interrupted) return INTERRUPTED;
    return ok === runs.length ? 0 : 1;
  } finally {
    off();
    process.off('SIGINT', cancel);
  }
}
