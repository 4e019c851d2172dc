// A loopback server speaking GitHub's REST API for Actions as documented (docs.github.com/rest/actions): dispatch a
// workflow (POST .../actions/workflows/{file}/dispatches, 204; 404 without the file at the ref, 422 without a
// workflow_dispatch trigger or with a missing or unexpected input), list runs (of the repository or of a workflow,
// filtered by event, branch and status), get one, its jobs with their steps, cancel it (202; 409 once completed), its
// artifacts and an artifact's zip (302 to a download URL), a job's log (302, once the job is done, as GitHub has no live
// log). Workflow files are read from a real bare repository with the git CLI. Dispatched runs go to `onDispatch` (the
// stand-in runner); what a real runner does through GitHub's internal APIs (step states, artifact upload) the stand-in
// does through the methods below. Auth, User-Agent, API version and rate-limit headers as in github-server.ts.

import { LoopbackHttp, type LoopbackAnswer, type LoopbackRequest } from './loopback-http';
import { parse } from 'yaml';
import { execFileSync } from 'node:child_process';
import { GIT_ENV } from './git';

/** git on the bare repository (local files only, so synchronous is fine), its complaints kept out of the test output. */
const git = (dir: string, ...args: string[]): string => execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trimEnd();

export type RunStatus = 'queued' | 'in_progress' | 'completed';
export type Conclusion = 'success' | 'failure' | 'cancelled' | 'skipped' | null;

export interface ServedStep {
  name: string;
  number: number;
  status: RunStatus;
  conclusion: Conclusion;
  started_at: string | null;
  completed_at: string | null;
}

export interface ServedRun {
  id: number;
  repo: string;
  workflowPath: string;
  ref: string;
  sha: string;
  inputs: Record<string, string>;
  /** The workflow file's text at `sha`, which the stand-in runner runs. */
  workflow: string;
  status: RunStatus;
  conclusion: Conclusion;
  created_at: string;
  updated_at: string;
  jobStatus: RunStatus;
  jobConclusion: Conclusion;
  steps: ServedStep[];
  log: string;
  artifacts: Array<{ id: number; name: string; zip: Buffer }>;
  /** Set by cancel; the stand-in runner stops the step it runs. */
  cancelRequested: boolean;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string>; raw?: Buffer };
const DOCS = 'https://docs.github.com/rest/actions';
const notFound = (): Answer => ({ status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } });
const unprocessable = (message: string): Answer => ({ status: 422, body: { message, documentation_url: `${DOCS}/workflows#create-a-workflow-dispatch-event`, status: '422' } });

/** Answers of GitHub's rate limits: a secondary limit (403 or 429 with Retry-After), or the hourly limit used up (403, remaining 0, reset). */
export interface Throttle {
  /** Which requests (`METHOD path`) are limited. */
  match: RegExp;
  /** How many matching requests are refused. */
  times: number;
  kind: 'secondary-403' | 'secondary-429' | 'primary';
  /** Retry-After, or the reset this many seconds from the first refusal. */
  seconds: number;
}

export class ActionsServer {
  readonly runs: ServedRun[] = [];
  /** Answer a dispatch asking return_run_details with 200 and the run's id (newer API versions), not 204. */
  runDetails = false;
  /** Rate-limit answers still to give, and the requests refused by them (as `METHOD path`). */
  readonly throttles: Throttle[] = [];
  readonly throttled: string[] = [];
  private resetAt: number | null = null;
  /** Requests seen, as `METHOD path` (the bench counts them). */
  readonly requests: string[] = [];
  /** The hourly allowance the headers report: 5,000 for a user's token, 15,000 for a GitHub App on Enterprise Cloud. */
  hourlyLimit = 5000;
  onDispatch: (run: ServedRun) => void = () => undefined;
  private readonly repos = new Map<string, string>();
  private http!: LoopbackHttp;
  private nextId = 9000;

  private constructor(private readonly token: string) {}

  static async start(token: string): Promise<ActionsServer> {
    const actions = new ActionsServer(token);
    actions.http = await LoopbackHttp.start((request) => actions.handle(request));
    return actions;
  }

  get url(): string {
    return this.http.url;
  }

  /** Serves `owner/name`, whose workflow files and refs are read from the bare repository `bareDir`. */
  addRepo(fullName: string, bareDir: string): void {
    this.repos.set(fullName.toLowerCase(), bareDir);
  }

  run(id: number): ServedRun {
    return this.runs.find((r) => r.id === id)!;
  }

  /** The stand-in runner's report: the run's and its job's state, step by step. */
  update(run: ServedRun, change: Partial<Pick<ServedRun, 'status' | 'conclusion' | 'jobStatus' | 'jobConclusion' | 'steps' | 'log'>>): void {
    Object.assign(run, change, { updated_at: new Date().toISOString() });
  }

  /** The stand-in runner's artifact upload (a zip of the uploaded folder). */
  uploadArtifact(run: ServedRun, name: string, zip: Buffer): void {
    run.artifacts.push({ id: this.nextId++, name, zip });
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private handle(request: LoopbackRequest): LoopbackAnswer {
    const { url, text } = request;
    this.requests.push(`${request.method} ${url.pathname}`);
    let answer: Answer;
    const seen = `${request.method} ${url.pathname}`;
    const throttle = this.throttles.find((t) => t.times > 0 && t.match.test(seen));
    if (throttle) return this.throttle(throttle, seen);
    try {
      answer = this.answer(request, url, text ? (JSON.parse(text) as Record<string, unknown>) : {});
    } catch {
      answer = { status: 400, body: { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' } };
    }
    const headers = { 'x-ratelimit-limit': String(this.hourlyLimit), 'x-ratelimit-remaining': String(this.hourlyLimit - this.requests.length), 'x-ratelimit-resource': 'core', ...answer.headers };
    if (answer.raw) return { status: answer.status, raw: answer.raw, headers: { 'Content-Type': 'application/zip', ...headers } };
    return { status: answer.status, body: answer.body, headers };
  }

  /** A rate-limit refusal as GitHub words it (docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api). */
  private throttle(throttle: Throttle, seen: string): LoopbackAnswer {
    throttle.times--;
    this.throttled.push(seen);
    const docs = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';
    if (throttle.kind === 'primary') {
      // One reset time for the whole refusal window, as GitHub's window is one.
      const reset = (this.resetAt ??= Math.ceil(Date.now() / 1000) + throttle.seconds);
      if (throttle.times === 0) this.resetAt = null;
      return { status: 403, body: { message: 'API rate limit exceeded for user ID 1.', documentation_url: docs }, headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(reset), 'x-ratelimit-resource': 'core' } };
    }
    const status = throttle.kind === 'secondary-429' ? 429 : 403;
    return { status, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: docs }, headers: { 'retry-after': String(throttle.seconds) } };
  }

  private answer(request: LoopbackRequest, url: URL, body: Record<string, unknown>): Answer {
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '');
    // Download links (the Location of a 302) carry their own short-lived token, as GitHub's do.
    const download = /^\/_downloads\/(artifact|log)\/(\d+)(?:\/(\d+))?$/.exec(path);
    if (download) return this.download(download[1]!, Number(download[2]), Number(download[3]));
    if (!request.headers['user-agent']) return { status: 403, body: { message: 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header.' } };
    const auth = /^(?:Bearer|token) (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (auth !== this.token) return { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' } };
    const files = /^\/repos\/([^/]+)\/([^/]+)\/(contents\/.+|pulls)$/.exec(path);
    if (files && request.method === 'GET') return this.setUpRead(`${decodeURIComponent(files[1]!)}/${decodeURIComponent(files[2]!)}`, files[3]!, url.searchParams);
    const match = /^\/repos\/([^/]+)\/([^/]+)\/actions\/(.+)$/.exec(path);
    const repo = match ? `${decodeURIComponent(match[1]!)}/${decodeURIComponent(match[2]!)}` : '';
    const bare = this.repos.get(repo.toLowerCase());
    if (!match || !bare) return notFound();
    const rest = match[3]!;
    const method = request.method ?? 'GET';
    let m: RegExpExecArray | null;
    if (method === 'POST' && (m = /^workflows\/([^/]+)\/dispatches$/.exec(rest))) return this.dispatch(repo, bare, decodeURIComponent(m[1]!), body);
    if (method === 'GET' && (m = /^workflows\/([^/]+)\/runs$/.exec(rest))) return this.list(repo, url.searchParams, `.github/workflows/${decodeURIComponent(m[1]!)}`);
    if (method === 'GET' && rest === 'runs') return this.list(repo, url.searchParams, null);
    if ((m = /^runs\/(\d+)(\/jobs|\/cancel|\/artifacts)?$/.exec(rest))) {
      const run = this.runs.find((r) => r.id === Number(m![1]) && r.repo === repo);
      if (!run) return notFound();
      if (method === 'GET' && !m[2]) return { status: 200, body: this.runJson(run) };
      if (method === 'GET' && m[2] === '/jobs') return { status: 200, body: { total_count: 1, jobs: [this.jobJson(run)] } };
      if (method === 'GET' && m[2] === '/artifacts') return { status: 200, body: { total_count: run.artifacts.length, artifacts: run.artifacts.map((a) => this.artifactJson(run, a)) } };
      if (method === 'POST' && m[2] === '/cancel') {
        if (run.status === 'completed') return { status: 409, body: { message: 'Cannot cancel a workflow run that is completed.', documentation_url: DOCS, status: '409' } };
        run.cancelRequested = true;
        return { status: 202, body: {} };
      }
    }
    if (method === 'GET' && (m = /^artifacts\/(\d+)\/zip$/.exec(rest))) {
      const run = this.runs.find((r) => r.artifacts.some((a) => a.id === Number(m![1])));
      return run ? { status: 302, headers: { Location: `${this.url}/_downloads/artifact/${run.id}/${m[1]}` } } : notFound();
    }
    if (method === 'GET' && (m = /^jobs\/(\d+)\/logs$/.exec(rest))) {
      const run = this.runs.find((r) => r.id === Number(m![1]) - 1_000_000);
      if (!run || run.jobStatus !== 'completed') return notFound();
      return { status: 302, headers: { Location: `${this.url}/_downloads/log/${run.id}` } };
    }
    return notFound();
  }

  /** What the runner set-up check reads: a file's blob id on a branch (contents API, from the bare repository), and no set-up pull request. */
  private setUpRead(repo: string, rest: string, query: URLSearchParams): Answer {
    const bare = this.repos.get(repo.toLowerCase());
    if (!bare) return notFound();
    if (rest === 'pulls') return { status: 200, body: [] };
    const path = rest.slice('contents/'.length).split('/').map(decodeURIComponent).join('/');
    let sha: string;
    try {
      sha = git(bare, 'rev-parse', '--verify', '-q', `${query.get('ref') ?? 'main'}:${path}`);
    } catch {
      return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content', status: '404' } };
    }
    return { status: 200, body: { type: 'file', sha, path, name: path.split('/').pop(), size: 0, encoding: 'none', content: '' } };
  }

  private dispatch(repo: string, bare: string, file: string, body: Record<string, unknown>): Answer {
    const ref = typeof body.ref === 'string' ? body.ref.replace(/^refs\/heads\//, '') : '';
    if (!ref) return unprocessable('Invalid request.\n\n"ref" wasn\'t supplied.');
    let sha: string;
    let text: string;
    try {
      sha = git(bare, 'rev-parse', '--verify', '-q', `refs/heads/${ref}^{commit}`);
      text = git(bare, 'show', `${sha}:.github/workflows/${file}`);
    } catch {
      return { status: 404, body: { message: 'Not Found', documentation_url: `${DOCS}/workflows#create-a-workflow-dispatch-event`, status: '404' } };
    }
    const declared = ((parse(text) as { on?: { workflow_dispatch?: { inputs?: Record<string, { required?: boolean; default?: string }> } } }).on ?? {}).workflow_dispatch;
    if (!declared) return unprocessable("Workflow does not have 'workflow_dispatch' trigger");
    const inputs = (body.inputs ?? {}) as Record<string, string>;
    const known = declared.inputs ?? {};
    const unexpected = Object.keys(inputs).filter((k) => !(k in known));
    if (unexpected.length) return unprocessable(`Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
    const missing = Object.entries(known).find(([k, d]) => d.required && (inputs[k] ?? '') === '' && d.default === undefined);
    if (missing) return unprocessable(`Required input '${missing[0]}' not provided`);
    const withDefaults = Object.fromEntries(Object.entries(known).map(([k, d]) => [k, String(inputs[k] ?? d.default ?? '')]));
    const now = new Date().toISOString();
    const run: ServedRun = { id: this.nextId++, repo, workflowPath: `.github/workflows/${file}`, ref, sha, inputs: withDefaults, workflow: text, status: 'queued', conclusion: null, created_at: now, updated_at: now, jobStatus: 'queued', jobConclusion: null, steps: [], log: '', artifacts: [], cancelRequested: false };
    this.runs.push(run);
    setImmediate(() => this.onDispatch(run));
    // Newer API versions answer 200 with the run when asked (return_run_details), older ones 204 and it is found by listing.
    if (this.runDetails && body.return_run_details === true) return { status: 200, body: { workflow_run_id: run.id, run_url: `${this.url}/repos/${repo}/actions/runs/${run.id}`, html_url: `${this.url}/${repo}/actions/runs/${run.id}` } };
    return { status: 204 };
  }

  private list(repo: string, query: URLSearchParams, workflowPath: string | null): Answer {
    let runs = this.runs.filter((r) => r.repo === repo && (!workflowPath || r.workflowPath === workflowPath));
    const event = query.get('event');
    if (event && event !== 'workflow_dispatch') runs = [];
    const branch = query.get('branch');
    if (branch) runs = runs.filter((r) => r.ref === branch);
    const status = query.get('status');
    if (status) runs = runs.filter((r) => r.status === status || r.conclusion === status);
    runs = [...runs].reverse(); // newest first, as GitHub lists them
    const perPage = Math.min(100, Number(query.get('per_page') ?? 30));
    const page = Math.max(1, Number(query.get('page') ?? 1));
    return { status: 200, body: { total_count: runs.length, workflow_runs: runs.slice((page - 1) * perPage, page * perPage).map((r) => this.runJson(r)) } };
  }

  private download(kind: string, runId: number, artifactId: number): Answer {
    const run = this.runs.find((r) => r.id === runId);
    if (!run) return notFound();
    if (kind === 'log') return { status: 200, raw: Buffer.from(run.log), headers: { 'Content-Type': 'text/plain' } };
    const artifact = run.artifacts.find((a) => a.id === artifactId);
    return artifact ? { status: 200, raw: artifact.zip } : notFound();
  }

  private runJson(run: ServedRun): Record<string, unknown> {
    const base = `${this.url}/repos/${run.repo}/actions/runs/${run.id}`;
    const title = `Fleet Control ${run.inputs.kind ?? ''} ${run.inputs.module ?? ''} (${run.inputs.run_id ?? ''})`;
    return { id: run.id, name: 'Fleet Control', display_title: title, event: 'workflow_dispatch', path: run.workflowPath, head_branch: run.ref, head_sha: run.sha, status: run.status, conclusion: run.conclusion, run_attempt: 1, created_at: run.created_at, updated_at: run.updated_at, html_url: `${this.url}/${run.repo}/actions/runs/${run.id}`, url: base, jobs_url: `${base}/jobs`, artifacts_url: `${base}/artifacts`, cancel_url: `${base}/cancel` };
  }

  private jobJson(run: ServedRun): Record<string, unknown> {
    const name = `${run.inputs.kind ?? ''} ${run.inputs.module ?? ''}`;
    const started = run.steps[0]?.started_at ?? null;
    return { id: run.id + 1_000_000, run_id: run.id, name, status: run.jobStatus, conclusion: run.jobConclusion, started_at: started, completed_at: run.jobStatus === 'completed' ? run.updated_at : null, html_url: `${this.url}/${run.repo}/actions/runs/${run.id}/job/${run.id + 1_000_000}`, steps: run.steps };
  }

  private artifactJson(run: ServedRun, artifact: ServedRun['artifacts'][number]): Record<string, unknown> {
    return { id: artifact.id, name: artifact.name, size_in_bytes: artifact.zip.length, expired: false, archive_download_url: `${this.url}/repos/${run.repo}/actions/artifacts/${artifact.id}/zip`, workflow_run: { id: run.id, head_branch: run.ref, head_sha: run.sha } };
  }
}
