// A loopback server speaking what azure-devops-node-api really asks Azure DevOps Services: connection data, the
// location service (OPTIONS /_apis/<area> listing each resource's route template and versions, GET
// /_apis/ResourceAreas), projects, Git repositories, builds by repository and branch, build timelines; with
// Azure's error bodies ({$id, message, typeName, typeKey, errorCode, eventId}), 401 for a refused PAT (sent as basic
// auth "PAT:<token>"), 404 for an unknown organisation, project or repository, and 429 with Retry-After and
// X-RateLimit-* when throttling. Other helpers add areas and routes with `location()` and `route()`.

import type { IncomingMessage } from 'node:http';
import { LoopbackHttp, type LoopbackAnswer, type LoopbackRequest } from './loopback-http';

export interface AzureRequest {
  method: string;
  /** The path after the organisation (starting with /), and the organisation itself. */
  path: string;
  organisation: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** When it arrived, and the status it was answered with (once answered). */
  at?: number;
  status?: number;
}

export type AzureAnswer = { status: number; body?: unknown; headers?: Record<string, string>; raw?: Buffer };
export type AzureRouteHandler = (request: AzureRequest, match: RegExpExecArray) => AzureAnswer | Promise<AzureAnswer>;

/** One resource location as the location service lists it (OPTIONS /_apis/<area>). */
export interface AzureLocation {
  id: string;
  area: string;
  resourceName: string;
  routeTemplate: string;
  resourceVersion: number;
  minVersion: string;
  maxVersion: string;
  releasedVersion: string;
}

/** A build as Azure Pipelines reports it (REST names: status/result are strings on the wire). */
export interface ServedBuild {
  id: number;
  definition: string;
  branch: string;
  sha: string;
  status: 'notStarted' | 'inProgress' | 'completed' | 'cancelling' | 'postponed';
  result?: 'succeeded' | 'partiallySucceeded' | 'failed' | 'canceled';
  queueTime: string;
  /** For a failed build: the failing task's name and its error issues (the timeline). */
  failedTask?: { name: string; issues: string[] };
}

const loc = (id: string, area: string, resourceName: string, routeTemplate: string, resourceVersion: number): AzureLocation => ({
  id,
  area,
  resourceName,
  routeTemplate,
  resourceVersion,
  minVersion: '1.0',
  maxVersion: '7.2',
  releasedVersion: '7.1',
});

/** The areas and locations the CI code uses, with Azure DevOps' own ids and route templates. */
const BASE_LOCATIONS: AzureLocation[] = [
  loc('e81700f7-3be2-46de-8624-2eb35882fcaa', 'Location', 'ResourceAreas', '_apis/{resource}/{areaId}', 1),
  loc('603fe2ac-9723-48b9-88ad-09305aa6c6e1', 'core', 'projects', '_apis/{resource}/{*projectId}', 4),
  loc('225f7195-f9c7-4d14-ab28-a83f7ff77e1f', 'git', 'repositories', '{project}/_apis/git/{resource}/{repositoryId}', 2),
  loc('2d874a60-a811-4f62-9c9f-963a6ea0a55b', 'git', 'refs', '{project}/_apis/git/repositories/{repositoryId}/{resource}/{*filter}', 2),
  loc('0cd358e1-9217-4d94-8269-1c1ee6f93dcf', 'build', 'builds', '{project}/_apis/build/{resource}/{buildId}', 7),
  loc('8baac422-4c6e-4de5-8532-db96d92acffa', 'build', 'Timeline', '{project}/_apis/build/builds/{buildId}/{resource}/{timelineId}', 2),
];

const RESOURCE_AREAS = [
  { id: '79134c72-4a58-4b42-976c-04e7115f32bf', name: 'core' },
  { id: '4e080c62-fa21-4fbc-8fef-2a10a2b38049', name: 'git' },
  { id: '965220d5-5bb9-42cf-8d67-9b146df2a5a4', name: 'build' },
];

function vssError(status: number, typeKey: string, message: string): AzureAnswer {
  return { status, body: { $id: '1', innerException: null, message, typeName: `Microsoft.TeamFoundation.${typeKey}, Microsoft.TeamFoundation`, typeKey, errorCode: 0, eventId: 3000 } };
}

interface Project {
  id: string;
  name: string;
  repositories: Map<string, string>;
}

export class AzureDevOpsServer {
  readonly requests: AzureRequest[] = [];
  readonly builds: ServedBuild[] = [];
  /** The repositories' branch tips (one repository's worth is enough for the tests: branch -> sha). */
  readonly branches = new Map<string, string>();
  /** Seconds to throttle the next request for (429 with Retry-After); 0 for none. */
  throttleSeconds = 0;
  private readonly locations: AzureLocation[] = [...BASE_LOCATIONS];
  private readonly areas = [...RESOURCE_AREAS];
  private readonly projects = new Map<string, Project>();
  private readonly routes: Array<{ method: string; pattern: RegExp; handler: AzureRouteHandler }> = [];
  private http!: LoopbackHttp;

  private constructor(
    private readonly token: string,
    readonly organisation: string,
  ) {}

  static async start(options: { token: string; organisation: string }): Promise<AzureDevOpsServer> {
    const azure = new AzureDevOpsServer(options.token, options.organisation);
    azure.http = await LoopbackHttp.start((request) => azure.handle(request));
    return azure;
  }

  get url(): string {
    return this.http.url;
  }

  /** The organisation's URL (what dev.azure.com/<org> is to Azure DevOps Services). */
  get organisationUrl(): string {
    return `${this.url}/${this.organisation}`;
  }

  /** The clone address of a repository: <org>/<project>/_git/<repo>. */
  remoteUrl(project: string, repository: string): string {
    return `${this.organisationUrl}/${encodeURIComponent(project)}/_git/${encodeURIComponent(repository)}`;
  }

  addProject(name: string, repositories: string[]): void {
    const n = this.projects.size + 1;
    const repos = new Map(repositories.map((repo, i) => [repo.toLowerCase(), `0000000${n}-aaaa-4bbb-8ccc-00000000000${i + 1}`] as const));
    this.projects.set(name.toLowerCase(), { id: `0000000${n}-1111-4222-8333-444444444444`, name, repositories: repos });
  }

  /** A project's id and name as Azure reports them (undefined when there is none). */
  projectInfo(name: string): { id: string; name: string } | undefined {
    const found = this.project(name);
    return found && { id: found.id, name: found.name };
  }

  /** Queues a build record (newest last); ids are given in order. */
  addBuild(build: Omit<ServedBuild, 'id' | 'queueTime'> & { queueTime?: string }): ServedBuild {
    const id = this.builds.length + 1;
    const served = { ...build, id, queueTime: build.queueTime ?? new Date(Date.UTC(2026, 0, 5, 10, id)).toISOString() };
    this.builds.push(served);
    return served;
  }

  /** Lists another resource location (and its area) so the client can find a route added with `route()`. */
  location(location: AzureLocation, areaId?: string): void {
    this.locations.push(location);
    if (areaId && !this.areas.some((a) => a.id === areaId)) this.areas.push({ id: areaId, name: location.area });
  }

  /** Adds a route before the built-in ones; the pattern is matched against the path after the organisation. */
  route(method: string, pattern: RegExp, handler: AzureRouteHandler): void {
    this.routes.push({ method, pattern, handler });
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private async handle(request: LoopbackRequest): Promise<LoopbackAnswer> {
    const { url, text } = request;
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    const [, organisation = '', ...rest] = url.pathname.split('/');
    const azureRequest: AzureRequest = { method: request.method, organisation: decodeURIComponent(organisation), path: `/${rest.join('/')}`, query: url.searchParams, headers: request.headers, body };
    this.requests.push(azureRequest);
    azureRequest.at = Date.now();
    const answer = await this.answer(azureRequest);
    azureRequest.status = answer.status;
    return {
      ...answer,
      headers: {
        'Content-Type': 'application/json; charset=utf-8; api-version=7.1',
        'X-TFS-ProcessId': '00000000-0000-0000-0000-000000000000',
        'X-VSS-E2EID': '00000000-0000-0000-0000-000000000001',
        ...answer.headers,
      },
    };
  }

  private authorised(headers: IncomingMessage['headers']): boolean {
    const basic = /^Basic (.+)$/i.exec(headers.authorization ?? '')?.[1];
    if (!basic) return false;
    const [, password] = /^[^:]*:(.*)$/s.exec(Buffer.from(basic, 'base64').toString('utf8')) ?? [];
    return password === this.token;
  }

  private async answer(request: AzureRequest): Promise<AzureAnswer> {
    if (!this.authorised(request.headers)) {
      return { status: 401, headers: { 'WWW-Authenticate': 'Bearer authorization_uri=https://login.microsoftonline.com/common, Basic realm="https://tfsprodweu2.app.visualstudio.com/"', 'X-TFS-FedAuthRealm': 'https://app.vssps.visualstudio.com/' } };
    }
    if (this.throttleSeconds > 0) {
      const seconds = this.throttleSeconds;
      this.throttleSeconds = 0;
      return {
        ...vssError(429, 'RequestBlockedException', `TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource 'Global' in namespace 'User'.`),
        headers: { 'Retry-After': String(seconds), 'X-RateLimit-Resource': 'Global', 'X-RateLimit-Delay': '0.5', 'X-RateLimit-Limit': '200', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(Math.floor(Date.now() / 1000) + seconds) },
      };
    }
    if (request.organisation.toLowerCase() !== this.organisation.toLowerCase()) {
      return vssError(404, 'VssResourceNotFoundException', `The resource cannot be found.`);
    }
    for (const route of this.routes) {
      const match = route.method === request.method ? route.pattern.exec(request.path) : null;
      if (match) return route.handler(request, match);
    }
    return this.builtIn(request);
  }

  private builtIn(request: AzureRequest): AzureAnswer {
    const { method, path } = request;
    if (method === 'OPTIONS') {
      const area = /^\/_apis\/([^/]+)\/?$/.exec(path)?.[1]?.toLowerCase();
      const value = this.locations.filter((l) => l.area.toLowerCase() === area);
      return { status: 200, body: { count: value.length, value } };
    }
    if (method !== 'GET') return vssError(405, 'MethodNotAllowedException', 'The requested resource does not support http method.');
    if (path === '/_apis/connectionData') {
      return { status: 200, body: { authenticatedUser: { id: 'u1', providerDisplayName: 'Fleet User', isActive: true }, authorizedUser: { id: 'u1', providerDisplayName: 'Fleet User', isActive: true }, instanceId: '00000000-0000-0000-0000-0000000000aa', locationServiceData: { serviceOwner: '00025394-6065-48ca-87d9-7f5672854ef7', defaultAccessMappingMoniker: 'PublicAccessMapping', lastChangeId: 1 } } };
    }
    if (/^\/_apis\/ResourceAreas\/?$/i.test(path)) {
      const value = this.areas.map((a) => ({ id: a.id, name: a.name, locationUrl: `${this.organisationUrl}/` }));
      return { status: 200, body: { count: value.length, value } };
    }
    const project = /^\/_apis\/projects\/([^/]+)$/.exec(path);
    if (project) {
      const found = this.project(decodeURIComponent(project[1]!));
      if (!found) return vssError(404, 'ProjectDoesNotExistWithNameException', `TF200016: The following project does not exist: ${decodeURIComponent(project[1]!)}. Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.`);
      return { status: 200, body: { id: found.id, name: found.name, url: `${this.organisationUrl}/_apis/projects/${found.id}`, state: 'wellFormed', revision: 1, visibility: 'private' } };
    }
    const repo = /^\/([^/]+)\/_apis\/git\/repositories\/([^/]+)$/.exec(path);
    if (repo) {
      const found = this.project(decodeURIComponent(repo[1]!));
      const name = decodeURIComponent(repo[2]!);
      const id = found?.repositories.get(name.toLowerCase()) ?? [...(found?.repositories.values() ?? [])].find((v) => v === name);
      if (!found) return vssError(404, 'ProjectDoesNotExistWithNameException', `TF200016: The following project does not exist: ${decodeURIComponent(repo[1]!)}.`);
      if (!id) return vssError(404, 'GitRepositoryNotFoundException', `TF401019: The Git repository with name or identifier ${name} does not exist or you do not have permissions for the operation you are attempting.`);
      return { status: 200, body: { id, name, project: { id: found.id, name: found.name }, defaultBranch: 'refs/heads/main', webUrl: this.remoteUrl(found.name, name) } };
    }
    const refs = /^\/([^/]+)\/_apis\/git\/repositories\/([^/]+)\/refs(?:\/(.*))?$/.exec(path);
    if (refs) {
      const filter = decodeURIComponent(refs[3] ?? '');
      const value = [...this.branches]
        .map(([name, objectId]) => ({ name: `refs/heads/${name}`, objectId, creator: { displayName: 'Fleet User' }, url: `${this.organisationUrl}/_apis/git/repositories/${refs[2]}/refs?filter=heads%2F${encodeURIComponent(name)}` }))
        .filter((r) => r.name.startsWith(`refs/${filter}`));
      return { status: 200, body: { value, count: value.length } };
    }
    const builds = /^\/([^/]+)\/_apis\/build\/builds\/?$/.exec(path);
    if (builds) {
      const found = this.project(decodeURIComponent(builds[1]!));
      if (!found) return vssError(404, 'ProjectDoesNotExistWithNameException', `TF200016: The following project does not exist: ${decodeURIComponent(builds[1]!)}.`);
      return { status: 200, body: this.buildList(found, request.query) };
    }
    const timeline = /^\/([^/]+)\/_apis\/build\/builds\/(\d+)\/Timeline\/?$/i.exec(path);
    if (timeline) {
      const build = this.builds.find((b) => b.id === Number(timeline[2]));
      if (!build) return vssError(404, 'BuildNotFoundException', `TF215016: The requested build ${timeline[2]} could not be found.`);
      return { status: 200, body: this.timelineOf(build) };
    }
    return vssError(404, 'VssResourceNotFoundException', 'The resource cannot be found.');
  }

  private project(nameOrId: string): Project | undefined {
    return this.projects.get(nameOrId.toLowerCase()) ?? [...this.projects.values()].find((p) => p.id === nameOrId);
  }

  private buildList(project: Project, query: URLSearchParams): unknown {
    const branch = query.get('branchName');
    const top = Number(query.get('$top') ?? 1000);
    const repositoryId = query.get('repositoryId');
    let list = [...this.builds].filter((b) => !branch || `refs/heads/${b.branch}` === branch);
    if (repositoryId && ![...project.repositories.values()].includes(repositoryId)) list = [];
    // queueTimeDescending (4 as the client's enum, or the name).
    list.sort((a, b) => b.queueTime.localeCompare(a.queueTime) || b.id - a.id);
    const value = list.slice(0, top).map((b) => this.buildJson(project, b));
    return { count: value.length, value };
  }

  private buildJson(project: Project, build: ServedBuild): unknown {
    const web = `${this.organisationUrl}/${encodeURIComponent(project.name)}/_build/results?buildId=${build.id}`;
    return {
      _links: { self: { href: `${this.organisationUrl}/${project.id}/_apis/build/Builds/${build.id}` }, web: { href: web }, timeline: { href: `${this.organisationUrl}/${project.id}/_apis/build/builds/${build.id}/Timeline` } },
      id: build.id,
      buildNumber: `20260105.${build.id}`,
      status: build.status,
      result: build.result,
      queueTime: build.queueTime,
      startTime: build.status === 'notStarted' ? undefined : build.queueTime,
      finishTime: build.status === 'completed' ? build.queueTime.replace(/:00\.000Z$/, ':30.000Z') : undefined,
      url: `${this.organisationUrl}/${project.id}/_apis/build/Builds/${build.id}`,
      definition: { id: build.definition.length, name: build.definition, path: '\\', type: 'build', queueStatus: 'enabled', project: { id: project.id, name: project.name } },
      project: { id: project.id, name: project.name },
      sourceBranch: `refs/heads/${build.branch}`,
      sourceVersion: build.sha,
      priority: 'normal',
      reason: 'individualCI',
      repository: { id: [...project.repositories.values()][0], type: 'TfsGit' },
    };
  }

  private timelineOf(build: ServedBuild): unknown {
    const records = [
      { id: 'stage-1', parentId: null, type: 'Stage', name: 'Build', state: 'completed', result: build.result === 'failed' ? 'failed' : 'succeeded', order: 1, errorCount: build.failedTask ? 1 : 0, warningCount: 0, issues: [] },
      { id: 'task-1', parentId: 'stage-1', type: 'Task', name: 'Checkout', state: 'completed', result: 'succeeded', order: 1, errorCount: 0, warningCount: 0, issues: [], log: { id: 3, type: 'Container' } },
    ];
    if (build.failedTask) {
      records.push({
        id: 'task-2',
        parentId: 'stage-1',
        type: 'Task',
        name: build.failedTask.name,
        state: 'completed',
        result: 'failed',
        order: 2,
        errorCount: build.failedTask.issues.length,
        warningCount: 0,
        issues: build.failedTask.issues.map((message) => ({ type: 'error', category: 'General', message, data: { type: 'error', logFileLineNumber: '12' } })) as never[],
        log: { id: 4, type: 'Container' },
      });
    }
    return { records, lastChangedBy: 'u1', lastChangedOn: build.queueTime, id: '00000000-0000-0000-0000-0000000000bb', changeId: 5 };
  }
}
