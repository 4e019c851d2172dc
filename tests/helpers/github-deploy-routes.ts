// GitHub's REST routes for deploys, added to the loopback GitHub CI server: branches, a workflow by file name, its
// runs, workflow_dispatch (with return_run_details as GitHub answers it since 2026-02, or refused as an older
// Enterprise server does), a run, its jobs, and cancel. Runs follow a script: each read of the run moves it one
// step (queued -> in_progress -> completed), so a test says what GitHub will report, in order.

import type { CiAnswer, CiRequest, GitHubCiServer } from './github-ci-server';

export interface ScriptedJob {
  name: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion?: 'success' | 'failure' | 'cancelled' | 'skipped' | null;
}

export interface RunStep {
  status: 'queued' | 'in_progress' | 'completed';
  conclusion?: 'success' | 'failure' | 'cancelled' | 'timed_out' | null;
  jobs: ScriptedJob[];
}

export interface ServedRun {
  id: number;
  file: string;
  branch: string;
  sha: string;
  inputs: Record<string, unknown>;
  script: RunStep[];
  at: number;
  cancelled: boolean;
}

export interface DeployRoutes {
  runs: ServedRun[];
  /** The script the next dispatched run follows. */
  script: RunStep[];
  /** 'current': the dispatch answers 200 with the run's id; 'legacy': it refuses return_run_details (GHES before it). */
  dispatchApi: 'current' | 'legacy';
  /** Workflows GitHub knows (file -> id, state). */
  workflows: Map<string, { id: number; state: string }>;
}

const DOCS = 'https://docs.github.com/rest/actions';
const notFound = (message = 'Not Found'): CiAnswer => ({ status: 404, body: { message, documentation_url: DOCS, status: '404' } });

/** A script: `waits` looks at a queued run, then running, then completed with `conclusion`. */
export function runScript(conclusion: 'success' | 'failure' | 'cancelled', waits = 1): RunStep[] {
  const queued: RunStep = { status: 'queued', conclusion: null, jobs: [{ name: 'build', status: 'queued' }, { name: 'deploy', status: 'queued' }] };
  const running: RunStep = { status: 'in_progress', conclusion: null, jobs: [{ name: 'build', status: 'completed', conclusion: 'success' }, { name: 'deploy', status: 'in_progress' }] };
  const done: RunStep = {
    status: 'completed',
    conclusion,
    jobs: [
      { name: 'build', status: 'completed', conclusion: 'success' },
      { name: 'deploy', status: 'completed', conclusion },
    ],
  };
  return [...Array.from({ length: waits }, () => queued), running, done];
}

/** What the run reports at script position `at` (a cancelled run: completed, unfinished jobs cancelled). */
function stepOf(run: ServedRun, at: number): RunStep {
  const step = run.script[Math.min(at, run.script.length - 1)]!;
  if (!run.cancelled) return step;
  return { status: 'completed', conclusion: 'cancelled', jobs: step.jobs.map((j) => (j.status === 'completed' ? j : { ...j, status: 'completed', conclusion: 'cancelled' })) };
}

function runJson(github: GitHubCiServer, run: ServedRun): Record<string, unknown> {
  const step = stepOf(run, run.at);
  return {
    id: run.id,
    name: 'Deploy',
    head_branch: run.branch,
    head_sha: run.sha,
    path: `.github/workflows/${run.file}`,
    event: 'workflow_dispatch',
    status: step.status,
    conclusion: step.conclusion ?? null,
    workflow_id: 77,
    run_number: run.id - 4000,
    run_attempt: 1,
    url: `${github.url}/repos/${github.owner}/${github.name}/actions/runs/${run.id}`,
    html_url: `${github.url}/${github.owner}/${github.name}/actions/runs/${run.id}`,
    jobs_url: `${github.url}/repos/${github.owner}/${github.name}/actions/runs/${run.id}/jobs`,
    created_at: '2026-01-05T10:00:00Z',
    updated_at: '2026-01-05T10:01:00Z',
    run_started_at: '2026-01-05T10:00:05Z',
  };
}

/** Adds the deploy routes to `github`; the returned object is the test's handle on what GitHub holds. */
export function addDeployRoutes(github: GitHubCiServer): DeployRoutes {
  const routes: DeployRoutes = { runs: [], script: runScript('success'), dispatchApi: 'current', workflows: new Map([['deploy.yml', { id: 77, state: 'active' }]]) };
  const repo = '/repos/([^/]+)/([^/]+)';
  const own = (m: RegExpExecArray) => `${decodeURIComponent(m[1]!)}/${decodeURIComponent(m[2]!)}`.toLowerCase() === `${github.owner}/${github.name}`.toLowerCase();
  const workflowOf = (idOrFile: string) => [...routes.workflows].find(([file, w]) => file === idOrFile || String(w.id) === idOrFile);
  const needsWrite = (): CiAnswer | null =>
    github.permissions.has('actions-write')
      ? null
      : { status: 403, body: { message: 'Resource not accessible by personal access token', documentation_url: DOCS, status: '403' }, headers: { 'x-accepted-github-permissions': 'actions=write' } };
  const runOf = (id: string) => routes.runs.find((r) => r.id === Number(id));

  github.route('GET', new RegExp(`^${repo}/branches/(.+)$`), (_request, m) => {
    if (!own(m)) return notFound();
    const sha = github.branches.get(decodeURIComponent(m[3]!));
    return sha ? { status: 200, body: { name: decodeURIComponent(m[3]!), commit: { sha, url: `${github.url}/commits/${sha}` }, protected: false } } : notFound('Branch not found');
  });
  github.route('GET', new RegExp(`^${repo}/actions/workflows/([^/]+)$`), (_request, m) => {
    const found = own(m) ? workflowOf(decodeURIComponent(m[3]!)) : undefined;
    if (!found) return notFound();
    const [file, w] = found;
    return { status: 200, body: { id: w.id, node_id: 'W_1', name: 'Deploy', path: `.github/workflows/${file}`, state: w.state, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', html_url: `${github.url}/blob/main/.github/workflows/${file}` } };
  });
  github.route('GET', new RegExp(`^${repo}/actions/workflows/([^/]+)/runs$`), (request: CiRequest, m) => {
    const found = own(m) ? workflowOf(decodeURIComponent(m[3]!)) : undefined;
    if (!found) return notFound();
    const q = request.query;
    const list = routes.runs
      .filter((r) => r.file === found[0] && (!q.get('branch') || r.branch === q.get('branch')) && (!q.get('head_sha') || r.sha === q.get('head_sha')))
      .sort((a, b) => b.id - a.id);
    return { status: 200, body: { total_count: list.length, workflow_runs: list.map((r) => runJson(github, r)) } };
  });
  github.route('POST', new RegExp(`^${repo}/actions/workflows/([^/]+)/dispatches$`), (request: CiRequest, m) => {
    const found = own(m) ? workflowOf(decodeURIComponent(m[3]!)) : undefined;
    if (!found) return notFound();
    const refused = needsWrite();
    if (refused) return refused;
    const body = request.body ?? {};
    if (routes.dispatchApi === 'legacy' && 'return_run_details' in body) {
      return { status: 422, body: { message: 'Invalid request.\n\n"return_run_details" is not a permitted key.', documentation_url: DOCS, status: '422' } };
    }
    const ref = String(body.ref ?? '');
    const sha = github.branches.get(ref.replace(/^refs\/heads\//, ''));
    if (!sha) return { status: 422, body: { message: `No ref found for: ${ref}`, documentation_url: DOCS, status: '422' } };
    const run: ServedRun = { id: 4001 + routes.runs.length, file: found[0], branch: ref, sha, inputs: (body.inputs ?? {}) as Record<string, unknown>, script: routes.script, at: 0, cancelled: false };
    routes.runs.push(run);
    if (body.return_run_details === true) {
      return { status: 200, body: { workflow_run_id: run.id, run_url: `${github.url}/repos/${github.owner}/${github.name}/actions/runs/${run.id}`, html_url: `${github.url}/${github.owner}/${github.name}/actions/runs/${run.id}` } };
    }
    return { status: 204, body: '' };
  });
  github.route('GET', new RegExp(`^${repo}/actions/runs/(\\d+)$`), (_request, m) => {
    const run = own(m) ? runOf(m[3]!) : undefined;
    if (!run) return notFound();
    const body = runJson(github, run);
    run.at++;
    return { status: 200, body };
  });
  github.route('GET', new RegExp(`^${repo}/actions/runs/(\\d+)/jobs$`), (_request, m) => {
    const run = own(m) ? runOf(m[3]!) : undefined;
    if (!run) return notFound();
    // The jobs as of the run's last answer.
    const jobs = stepOf(run, Math.max(0, run.at - 1)).jobs;
    return {
      status: 200,
      body: {
        total_count: jobs.length,
        jobs: jobs.map((job, i) => ({
          id: run.id * 10 + i,
          run_id: run.id,
          name: job.name,
          status: job.status,
          conclusion: job.conclusion ?? null,
          html_url: `${github.url}/${github.owner}/${github.name}/actions/runs/${run.id}/job/${run.id * 10 + i}`,
          started_at: job.status === 'queued' ? null : '2026-01-05T10:00:10Z',
          completed_at: job.status === 'completed' ? '2026-01-05T10:00:40Z' : null,
          steps: [],
        })),
      },
    };
  });
  github.route('POST', new RegExp(`^${repo}/actions/runs/(\\d+)/cancel$`), (_request, m) => {
    const run = own(m) ? runOf(m[3]!) : undefined;
    if (!run) return notFound();
    const refused = needsWrite();
    if (refused) return refused;
    if (stepOf(run, Math.max(0, run.at - 1)).status === 'completed') return { status: 409, body: { message: 'Cannot cancel a workflow run that is completed.', documentation_url: DOCS, status: '409' } };
    run.cancelled = true;
    return { status: 202, body: {} };
  });
  return routes;
}
