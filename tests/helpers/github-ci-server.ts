// A loopback server speaking GitHub's API for CI as documented: GraphQL (POST /graphql, /api/graphql for Enterprise)
// answering the aliased `ref(qualifiedName:)` lookups with each tip's statusCheckRollup (check runs and status
// contexts, paginated), and REST check-runs and combined-status per ref. It checks the token, User-Agent and API
// version, sends x-ratelimit-* headers per resource, and acts out GitHub's error answers: 401 bad credentials, 403
// with X-Accepted-GitHub-Permissions, 404, rate limits with a reset time, GraphQL refused for the token.
// Other helpers add routes (workflow dispatch, runs, jobs) with `route(method, pattern, handler)`.

import type { IncomingMessage } from 'node:http';
import { LoopbackHttp, type LoopbackAnswer, type LoopbackRequest } from './loopback-http';

export interface CiRequest {
  method: string;
  /** The path without an Enterprise /api/v3 prefix; /graphql for both GraphQL layouts. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown> | null;
}

export type CiAnswer = { status: number; body: unknown; headers?: Record<string, string> };

/** A check run as GitHub stores it (REST names). */
export interface ServedCheckRun {
  name: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'pending' | 'requested';
  conclusion: 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | 'stale' | 'startup_failure' | null;
  summary?: string;
  title?: string;
  workflow?: string;
  startedAt?: string;
  completedAt?: string;
}

/** A commit status (REST names). */
export interface ServedStatus {
  context: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  description?: string;
  targetUrl?: string;
}

export type RouteHandler = (request: CiRequest, match: RegExpExecArray) => CiAnswer | Promise<CiAnswer>;

export interface GitHubCiServerOptions {
  token: string;
  /** owner/name of the one repository served. */
  repository: string;
  /** The host's branch tips (branch -> sha); the test changes it as it pushes. */
  branches?: Record<string, string>;
}

const DOCS = 'https://docs.github.com/rest';
const HOUR = 3600;

export class GitHubCiServer {
  readonly requests: CiRequest[] = [];
  readonly branches: Map<string, string>;
  /** sha -> what CI reported on it. */
  readonly checks = new Map<string, { runs: ServedCheckRun[]; statuses: ServedStatus[] }>();
  /** 'refused': GraphQL answers FORBIDDEN for this token (a GitHub App without access); 'missing': 404 (no GraphQL there). */
  graphql: 'on' | 'refused' | 'missing' = 'on';
  /** Without 'checks', REST check-runs answer 403 asking for checks=read; without 'statuses', the status endpoint does. */
  permissions = new Set(['checks', 'statuses', 'actions']);
  /** Requests left per resource (x-ratelimit-remaining); 0 answers as GitHub does when it is used up. */
  readonly remaining = { core: 5000, graphql: 5000 };
  limit = 5000;
  /** Epoch seconds the allowance is refilled. */
  resetAt = Math.floor(Date.now() / 1000) + HOUR;
  /** Seconds for a secondary limit (429 with Retry-After) on the next request; 0 for none. */
  secondaryRetryAfter = 0;
  private readonly routes: Array<{ method: string; pattern: RegExp; handler: RouteHandler }> = [];
  private http!: LoopbackHttp;

  private constructor(private readonly options: GitHubCiServerOptions) {
    this.branches = new Map(Object.entries(options.branches ?? {}));
  }

  static async start(options: GitHubCiServerOptions): Promise<GitHubCiServer> {
    const github = new GitHubCiServer(options);
    github.http = await LoopbackHttp.start((request) => github.handle(request));
    return github;
  }

  get url(): string {
    return this.http.url;
  }

  get enterpriseApiUrl(): string {
    return `${this.url}/api/v3`;
  }

  get owner(): string {
    return this.options.repository.split('/')[0]!;
  }

  get name(): string {
    return this.options.repository.split('/')[1]!;
  }

  /** Reports check runs and statuses on a commit (replacing what was there). */
  report(sha: string, runs: ServedCheckRun[], statuses: ServedStatus[] = []): void {
    this.checks.set(sha, { runs, statuses });
  }

  /** Adds a route before the built-in ones (the path is matched without /api/v3). */
  route(method: string, pattern: RegExp, handler: RouteHandler): void {
    this.routes.push({ method, pattern, handler });
  }

  requestsTo(path: RegExp): CiRequest[] {
    return this.requests.filter((r) => path.test(r.path));
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private async handle(request: LoopbackRequest): Promise<LoopbackAnswer> {
    const { url, text } = request;
    let body: Record<string, unknown> | null;
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      return json({ status: 400, body: { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' } });
    }
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '').replace(/^\/api\/graphql$/, '/graphql');
    const ciRequest: CiRequest = { method: request.method, path, query: url.searchParams, headers: request.headers, body };
    this.requests.push(ciRequest);
    return json(await this.answer(ciRequest));
  }

  private rateHeaders(resource: 'core' | 'graphql'): Record<string, string> {
    const remaining = Math.max(0, this.remaining[resource]);
    return {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-used': String(this.limit - remaining),
      'x-ratelimit-reset': String(this.resetAt),
      'x-ratelimit-resource': resource,
    };
  }

  private async answer(request: CiRequest): Promise<CiAnswer> {
    const { headers } = request;
    if (!headers['user-agent']) return { status: 403, body: { message: 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header.' } };
    const auth = /^(?:Bearer|token) (.+)$/i.exec(headers.authorization ?? '')?.[1];
    if (auth !== this.options.token) return { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS, status: '401' } };
    if (this.secondaryRetryAfter > 0) {
      const seconds = this.secondaryRetryAfter;
      this.secondaryRetryAfter = 0;
      return { status: 429, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: DOCS }, headers: { 'retry-after': String(seconds) } };
    }
    const resource = request.path === '/graphql' ? 'graphql' : 'core';
    if (this.remaining[resource] <= 0) {
      return {
        status: 403,
        body: { message: 'API rate limit exceeded for user ID 1.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api', status: '403' },
        headers: this.rateHeaders(resource),
      };
    }
    this.remaining[resource]--;
    const rate = this.rateHeaders(resource);
    for (const route of this.routes) {
      const match = route.method === request.method ? route.pattern.exec(request.path) : null;
      if (match) {
        const answer = await route.handler(request, match);
        return { ...answer, headers: { ...rate, ...answer.headers } };
      }
    }
    const answer = request.path === '/graphql' && request.method === 'POST' ? this.graphqlAnswer(request.body ?? {}) : this.restAnswer(request);
    return { ...answer, headers: { ...rate, ...answer.headers } };
  }

  private isRepo(owner: string, name: string): boolean {
    return `${owner}/${name}`.toLowerCase() === this.options.repository.toLowerCase();
  }

  private restAnswer(request: CiRequest): CiAnswer {
    const notFound: CiAnswer = { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
    const match = /^\/repos\/([^/]+)\/([^/]+)\/commits\/(.+)\/(check-runs|status)$/.exec(request.path);
    if (!match || request.method !== 'GET' || !this.isRepo(decodeURIComponent(match[1]!), decodeURIComponent(match[2]!))) return notFound;
    const ref = decodeURIComponent(match[3]!);
    const sha = /^[0-9a-f]{40}$/.test(ref) ? ref : this.branches.get(ref.replace(/^(refs\/)?heads\//, ''));
    if (!sha) return { status: 422, body: { message: `No commit found for SHA: ${ref}`, documentation_url: DOCS, status: '422' } };
    const { runs, statuses } = this.checks.get(sha) ?? { runs: [], statuses: [] };
    const kind = match[4] === 'check-runs' ? 'checks' : 'statuses';
    if (!this.permissions.has(kind)) {
      return {
        status: 403,
        body: { message: 'Resource not accessible by personal access token', documentation_url: DOCS, status: '403' },
        headers: { 'x-accepted-github-permissions': kind === 'checks' ? 'checks=read' : 'statuses=read' },
      };
    }
    if (kind === 'checks') {
      const perPage = Math.min(100, Number(request.query.get('per_page') ?? 30));
      const page = Math.max(1, Number(request.query.get('page') ?? 1));
      const slice = runs.slice((page - 1) * perPage, page * perPage);
      const more = page * perPage < runs.length;
      const link = more ? { link: `<${this.url}${request.path}?per_page=${perPage}&page=${page + 1}>; rel="next"` } : undefined;
      return { status: 200, body: { total_count: runs.length, check_runs: slice.map((run, i) => this.restRun(sha, run, (page - 1) * perPage + i)) }, headers: link };
    }
    const state = statuses.some((s) => s.state === 'error' || s.state === 'failure') ? 'failure' : statuses.some((s) => s.state === 'pending') || statuses.length === 0 ? 'pending' : 'success';
    return {
      status: 200,
      body: {
        state,
        sha,
        total_count: statuses.length,
        statuses: statuses.map((s, i) => ({ id: i + 1, context: s.context, state: s.state, description: s.description ?? null, target_url: s.targetUrl ?? null, created_at: '2026-01-05T10:00:00Z', updated_at: '2026-01-05T10:01:00Z' })),
        repository: { full_name: this.options.repository },
      },
    };
  }

  private restRun(sha: string, run: ServedCheckRun, index: number): Record<string, unknown> {
    const id = 9000 + index;
    return {
      id,
      head_sha: sha,
      name: run.name,
      status: run.status,
      conclusion: run.conclusion,
      html_url: `${this.url}/${this.options.repository}/runs/${id}`,
      details_url: `${this.url}/${this.options.repository}/actions/runs/${id}/job/${id}`,
      started_at: run.startedAt ?? '2026-01-05T10:00:00Z',
      completed_at: run.status === 'completed' ? (run.completedAt ?? '2026-01-05T10:03:00Z') : null,
      output: { title: run.title ?? null, summary: run.summary ?? null, text: null, annotations_count: 0 },
      app: { slug: 'github-actions', name: 'GitHub Actions' },
      check_suite: { id: 100 + index },
    };
  }

  private graphqlAnswer(body: Record<string, unknown>): CiAnswer {
    if (this.graphql === 'missing') return { status: 404, body: { message: 'Not Found', documentation_url: DOCS } };
    const query = typeof body.query === 'string' ? body.query : '';
    const variables = (body.variables ?? {}) as Record<string, unknown>;
    // Octokit's graphql() sends the variables beside the query at the top level of the body.
    for (const [key, value] of Object.entries(body)) if (key !== 'query' && key !== 'variables') variables[key] = value;
    if (!query) return { status: 200, body: { errors: [{ message: 'A query attribute must be specified and must be a string.' }] } };
    if (this.graphql === 'refused') {
      return { status: 200, body: { data: { repository: null }, errors: [{ type: 'FORBIDDEN', path: ['repository'], message: 'Resource not accessible by integration' }] } };
    }
    const owner = String(variables.owner ?? '');
    const name = String(variables.name ?? '');
    if (!this.isRepo(owner, name)) {
      return { status: 200, body: { data: { repository: null }, errors: [{ type: 'NOT_FOUND', path: ['repository'], message: `Could not resolve to a Repository with the name '${owner}/${name}'.` }] } };
    }
    const repository: Record<string, unknown> = {};
    for (const alias of query.matchAll(/(\w+)\s*:\s*ref\(qualifiedName:\s*\$(\w+)\)/g)) {
      const refName = String(variables[alias[2]!] ?? '');
      const afterVariable = new RegExp(`${alias[1]}\\s*:\\s*ref[\\s\\S]*?contexts\\(first:\\s*(\\d+)(?:,\\s*after:\\s*\\$(\\w+))?`).exec(query);
      repository[alias[1]!] = this.graphqlRef(refName, Number(afterVariable?.[1] ?? 100), afterVariable?.[2] ? (variables[afterVariable[2]] as string | null) : null);
    }
    const data: Record<string, unknown> = { repository };
    if (/rateLimit\s*{/.test(query)) {
      data.rateLimit = { limit: this.limit, remaining: this.remaining.graphql, used: this.limit - this.remaining.graphql, cost: 1, resetAt: new Date(this.resetAt * 1000).toISOString() };
    }
    return { status: 200, body: { data } };
  }

  private graphqlRef(qualifiedName: string, first: number, after: string | null): unknown {
    const branch = qualifiedName.replace(/^refs\/heads\//, '');
    const sha = this.branches.get(branch);
    if (!sha) return null;
    const served = this.checks.get(sha);
    if (!served || (served.runs.length === 0 && served.statuses.length === 0)) return { name: branch, target: { __typename: 'Commit', oid: sha, statusCheckRollup: null } };
    const nodes = [
      ...served.runs.map((run, i) => ({
        __typename: 'CheckRun',
        name: run.name,
        status: run.status.toUpperCase(),
        conclusion: run.conclusion?.toUpperCase() ?? null,
        detailsUrl: `${this.url}/${this.options.repository}/actions/runs/${9000 + i}/job/${9000 + i}`,
        title: run.title ?? null,
        summary: run.summary ?? null,
        startedAt: run.startedAt ?? '2026-01-05T10:00:00Z',
        completedAt: run.status === 'completed' ? (run.completedAt ?? '2026-01-05T10:03:00Z') : null,
        checkSuite: { workflowRun: run.workflow ? { workflow: { name: run.workflow } } : null },
      })),
      ...served.statuses.map((s) => ({
        __typename: 'StatusContext',
        context: s.context,
        state: s.state.toUpperCase(),
        targetUrl: s.targetUrl ?? null,
        description: s.description ?? null,
        createdAt: '2026-01-05T10:00:00Z',
      })),
    ];
    const start = after ? Number(Buffer.from(after, 'base64').toString('utf8').replace('cursor:', '')) : 0;
    const page = nodes.slice(start, start + first);
    const end = start + page.length;
    return {
      name: branch,
      target: {
        __typename: 'Commit',
        oid: sha,
        statusCheckRollup: {
          state: rollupState(nodes),
          contexts: { totalCount: nodes.length, pageInfo: { hasNextPage: end < nodes.length, endCursor: Buffer.from(`cursor:${end}`).toString('base64') }, nodes: page },
        },
      },
    };
  }
}

function rollupState(nodes: Array<{ __typename: string; state?: string; status?: string; conclusion?: string | null }>): string {
  const bad = new Set(['FAILURE', 'TIMED_OUT', 'CANCELLED', 'ACTION_REQUIRED', 'STARTUP_FAILURE', 'ERROR']);
  if (nodes.some((n) => bad.has(n.conclusion ?? '') || bad.has(n.state ?? ''))) return 'FAILURE';
  if (nodes.some((n) => (n.__typename === 'CheckRun' && n.status !== 'COMPLETED') || n.state === 'PENDING')) return 'PENDING';
  return 'SUCCESS';
}

/** GitHub's media-type header on every answer. */
function json(answer: CiAnswer): LoopbackAnswer {
  return { ...answer, headers: { 'X-GitHub-Media-Type': 'github.v3; format=json', ...answer.headers } };
}
