// A loopback server speaking GitHub's REST API for pull requests as documented: create (POST /repos/{o}/{r}/pulls),
// list with head/state/sort/page filters, get one; JSON shapes with number, html_url, state, draft, merged_at,
// head/base; GitHub's status codes and error bodies {message, errors, documentation_url}. It checks the
// Authorization, Accept, X-GitHub-Api-Version and User-Agent headers, and can act out a read-only token and the
// rate limit; with `fileAt`, a file's metadata from the contents API. Served at the root (as api.github.com) and under /api/v3 (as GitHub Enterprise Server).

import type { IncomingMessage } from 'node:http';
import { LoopbackHttp, type LoopbackAnswer, type LoopbackRequest } from './loopback-http';

const DOCS = 'https://docs.github.com/rest/pulls/pulls';
const API_VERSIONS = ['2022-11-28'];

export interface GitHubRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown> | null;
}

export interface ServedPull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: 'open' | 'closed';
  draft: boolean;
  merged_at: string | null;
  created_at: string;
  updated_at: string;
}

interface RepoState {
  owner: string;
  name: string;
  /** Branch -> tip sha, unless the server was given a branchTip hook. */
  branches: Map<string, string>;
  pulls: ServedPull[];
}

export interface GitHubServerOptions {
  /** The token a Bearer (or "token") Authorization header must carry. */
  token: string;
  /** Where a branch's tip comes from (e.g. a real bare repository); the repo's own branch list otherwise. */
  branchTip?: (repository: string, branch: string) => string | null;
  /** The blob sha of `path` at `ref` (e.g. read from a real bare repository); serves GET .../contents/{path}?ref=. */
  fileAt?: (repository: string, ref: string, path: string) => { sha: string; size: number } | null;
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

export class GitHubServer {
  readonly requests: GitHubRequest[] = [];
  /** 'read' acts out a token without "Pull requests: write": creating answers 403 as GitHub does. */
  permission: 'write' | 'read' = 'write';
  /** Requests left before the rate limit (403 with x-ratelimit-remaining 0 and a reset time). */
  rateLimitRemaining = 5000;
  private readonly repos = new Map<string, RepoState>();
  private http!: LoopbackHttp;
  private clock = Date.parse('2026-01-05T10:00:00Z');

  private constructor(private readonly options: GitHubServerOptions) {}

  static async start(options: GitHubServerOptions): Promise<GitHubServer> {
    const github = new GitHubServer(options);
    github.http = await LoopbackHttp.start((request) => github.handle(request));
    return github;
  }

  /** http://127.0.0.1:<port> (also the host of the pull requests' html_url). */
  get url(): string {
    return this.http.url;
  }

  /** The GitHub Enterprise Server layout of the same API: <url>/api/v3. */
  get enterpriseApiUrl(): string {
    return `${this.url}/api/v3`;
  }

  /** Creates owner/name with the given branches (name -> tip sha). */
  createRepo(fullName: string, branches: Record<string, string> = {}): void {
    const [owner, name] = fullName.split('/');
    this.repos.set(fullName.toLowerCase(), { owner: owner!, name: name!, branches: new Map(Object.entries(branches)), pulls: [] });
  }

  setBranch(fullName: string, branch: string, sha: string): void {
    this.repo(fullName)!.branches.set(branch, sha);
  }

  pulls(fullName: string): ServedPull[] {
    return this.repo(fullName)!.pulls;
  }

  /** Changes a pull request as a person on the website would: merge it, close it, mark it ready. */
  updatePull(fullName: string, number: number, change: Partial<Pick<ServedPull, 'state' | 'draft' | 'merged_at'>>): void {
    const pull = this.repo(fullName)!.pulls.find((p) => p.number === number)!;
    Object.assign(pull, change, { updated_at: this.tick() });
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private repo(fullName: string): RepoState | undefined {
    return this.repos.get(fullName.toLowerCase());
  }

  private tick(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString().replace('.000', '');
  }

  private tipOf(repo: RepoState, branch: string): string | null {
    const fullName = `${repo.owner}/${repo.name}`;
    return this.options.branchTip ? this.options.branchTip(fullName, branch) : (repo.branches.get(branch) ?? null);
  }

  private handle(request: LoopbackRequest): LoopbackAnswer {
    const { url, text } = request;
    let body: Record<string, unknown> | null = null;
    if (text) {
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return json({ status: 400, body: { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' } });
      }
    }
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '');
    this.requests.push({ method: request.method, path, query: url.searchParams, headers: request.headers, body });
    return json(this.answer(request, path, url.searchParams, body));
  }


  private answer(request: LoopbackRequest, path: string, query: URLSearchParams, body: Record<string, unknown> | null): Answer {
    const headers = request.headers;
    if (!headers['user-agent']) {
      return { status: 403, body: { message: 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required).' } };
    }
    const version = headers['x-github-api-version'];
    if (typeof version === 'string' && !API_VERSIONS.includes(version)) {
      return { status: 400, body: { message: `API version '${version}' is not supported.`, documentation_url: 'https://docs.github.com/rest/overview/api-versions', status: '400' } };
    }
    const auth = /^(?:Bearer|token) (.+)$/i.exec(headers.authorization ?? '')?.[1];
    if (auth !== this.options.token) return { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' } };
    if (this.rateLimitRemaining <= 0) {
      const reset = Math.floor(Date.now() / 1000) + 1800;
      return {
        status: 403,
        body: { message: 'API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID 0000:0000.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api', status: '403' },
        headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(reset), 'x-ratelimit-resource': 'core' },
      };
    }
    this.rateLimitRemaining--;
    const contents = /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/.exec(path);
    if (contents && request.method === 'GET' && this.options.fileAt && this.repo(`${decodeURIComponent(contents[1]!)}/${decodeURIComponent(contents[2]!)}`)) {
      return this.content(`${decodeURIComponent(contents[1]!)}/${decodeURIComponent(contents[2]!)}`, query.get('ref') ?? 'main', contents[3]!.split('/').map(decodeURIComponent).join('/'));
    }
    const match = /^\/repos\/([^/]+)\/([^/]+)\/pulls(?:\/(\d+))?$/.exec(path);
    const repo = match ? this.repo(`${decodeURIComponent(match[1]!)}/${decodeURIComponent(match[2]!)}`) : undefined;
    if (!match || !repo) return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
    const rate = { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': String(this.rateLimitRemaining), 'x-ratelimit-resource': 'core' };
    if (request.method === 'POST' && !match[3]) return { ...this.create(repo, body ?? {}), headers: { ...rate, ...(this.permission === 'read' ? PERMISSION_HEADERS : {}) } };
    if (request.method === 'GET' && match[3]) {
      const pull = repo.pulls.find((p) => p.number === Number(match[3]));
      return pull ? { status: 200, body: { ...this.json(repo, pull), merged: pull.merged_at !== null }, headers: rate } : { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
    }
    if (request.method === 'GET') return { status: 200, body: this.list(repo, query), headers: rate };
    return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
  }

  /** A file's metadata as GET /repos/{o}/{r}/contents/{path} answers it (content left out, as for files over 1 MB). */
  private content(fullName: string, ref: string, path: string): Answer {
    const file = this.options.fileAt!(fullName, ref, path);
    if (!file) return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content', status: '404' } };
    const name = path.split('/').pop()!;
    const html = `${this.url}/${fullName}/blob/${ref}/${path}`;
    return { status: 200, body: { type: 'file', encoding: 'none', size: file.size, name, path, content: '', sha: file.sha, url: `${this.url}/repos/${fullName}/contents/${path}?ref=${ref}`, html_url: html, download_url: null, _links: { html } } };
  }

  private create(repo: RepoState, input: Record<string, unknown>): Answer {
    if (this.permission === 'read') return { status: 403, body: { message: 'Resource not accessible by personal access token', documentation_url: `${DOCS}#create-a-pull-request`, status: '403' } };
    const invalid = (errors: unknown[]): Answer => ({ status: 422, body: { message: 'Validation Failed', errors, documentation_url: `${DOCS}#create-a-pull-request`, status: '422' } });
    for (const field of ['head', 'base'] as const) {
      if (typeof input[field] !== 'string' || input[field] === '') return invalid([{ resource: 'PullRequest', field, code: 'missing_field' }]);
    }
    const head = String(input.head).replace(new RegExp(`^${repo.owner}:`, 'i'), '');
    const base = String(input.base);
    if (typeof input.title !== 'string' || input.title === '') return invalid([{ resource: 'PullRequest', field: 'title', code: 'missing_field' }]);
    const headTip = this.tipOf(repo, head);
    if (!headTip) return invalid([{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
    const baseTip = this.tipOf(repo, base);
    if (!baseTip) return invalid([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
    if (repo.pulls.some((p) => p.head === head && p.base === base && p.state === 'open')) {
      return invalid([{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${repo.owner}:${head}.` }]);
    }
    if (headTip === baseTip) return invalid([{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${head}` }]);
    const now = this.tick();
    const pull: ServedPull = {
      number: repo.pulls.length + 1,
      title: input.title,
      body: typeof input.body === 'string' ? input.body : '',
      head,
      base,
      state: 'open',
      draft: input.draft === true,
      merged_at: null,
      created_at: now,
      updated_at: now,
    };
    repo.pulls.push(pull);
    return { status: 201, body: this.json(repo, pull) };
  }

  private list(repo: RepoState, query: URLSearchParams): unknown[] {
    const state = query.get('state') ?? 'open';
    const head = query.get('head');
    let pulls = repo.pulls.filter((p) => state === 'all' || p.state === state);
    if (head) pulls = pulls.filter((p) => `${repo.owner}:${p.head}`.toLowerCase() === head.toLowerCase());
    const key = query.get('sort') === 'updated' ? (p: ServedPull) => p.updated_at : (p: ServedPull) => p.created_at;
    const ascending = query.get('direction') === 'asc';
    pulls = [...pulls].sort((a, b) => (ascending ? 1 : -1) * (key(a).localeCompare(key(b)) || a.number - b.number));
    const perPage = Math.min(100, Number(query.get('per_page') ?? 30));
    const page = Math.max(1, Number(query.get('page') ?? 1));
    return pulls.slice((page - 1) * perPage, page * perPage).map((p) => this.json(repo, p));
  }

  private json(repo: RepoState, pull: ServedPull): Record<string, unknown> {
    const fullName = `${repo.owner}/${repo.name}`;
    const repoJson = { id: 1, name: repo.name, full_name: fullName, owner: { login: repo.owner, type: 'Organization' }, private: true, html_url: `${this.url}/${fullName}` };
    const ref = (name: string) => ({ label: `${repo.owner}:${name}`, ref: name, sha: this.tipOf(repo, name) ?? '0'.repeat(40), user: { login: repo.owner }, repo: repoJson });
    return {
      url: `${this.url}/repos/${fullName}/pulls/${pull.number}`,
      id: 1000 + pull.number,
      node_id: `PR_${pull.number}`,
      html_url: `${this.url}/${fullName}/pull/${pull.number}`,
      number: pull.number,
      state: pull.state,
      locked: false,
      title: pull.title,
      user: { login: 'fleet-user', type: 'User' },
      body: pull.body,
      created_at: pull.created_at,
      updated_at: pull.updated_at,
      closed_at: pull.state === 'closed' ? pull.updated_at : null,
      merged_at: pull.merged_at,
      draft: pull.draft,
      head: ref(pull.head),
      base: ref(pull.base),
      author_association: 'MEMBER',
    };
  }
}

const PERMISSION_HEADERS = { 'x-accepted-github-permissions': 'pull_requests=write' };

/** GitHub's media-type header on every answer. */
function json(answer: Answer): LoopbackAnswer {
  return { ...answer, headers: { 'X-GitHub-Media-Type': 'github.v3; format=json', ...answer.headers } };
}
