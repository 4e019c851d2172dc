// Azure Pipelines as the stand-in agent's server, added to the loopback Azure DevOps server: build definitions
// (Definitions - List, filtered by yamlFilename with includeAllProperties), Runs - Run Pipeline (the YAML file read at
// the branch from a real bare repository with the git CLI: 400 without it, or for a missing or unexpected template
// parameter), Builds - List (by buildIds, or of a definition on a branch, newest first), Builds - Update to cancelling, the build's Timeline, and Build Artifacts - Get
// (JSON, or the zip with Accept: application/zip). Queued runs go to `onQueued` (the stand-in agent); what an agent
// does through Azure's internal APIs (timeline records, artifact upload) the stand-in does on the run's fields.

import { execFileSync } from 'node:child_process';
import { parse } from 'yaml';
import type { AzureAnswer, AzureDevOpsServer, AzureRequest } from './azure-devops-server';
import { GIT_ENV } from './git';

export type BuildStatus = 'notStarted' | 'inProgress' | 'cancelling' | 'completed';
export type TaskResult = 'succeeded' | 'failed' | 'canceled' | 'skipped';

/** A timeline record as Azure reports it (Stage, Phase, Job or Task). */
export interface ServedRecord {
  id: string;
  parentId: string | null;
  type: 'Stage' | 'Phase' | 'Job' | 'Task';
  name: string;
  order: number;
  state: 'pending' | 'inProgress' | 'completed';
  result: TaskResult | null;
  startTime: string | null;
  finishTime: string | null;
}

export interface ServedAzureRun {
  id: number;
  definitionId: number;
  refName: string;
  sha: string;
  /** The pipeline's YAML at `sha` and the template parameters the run was queued with (defaults applied). */
  yaml: string;
  parameters: Record<string, string>;
  status: BuildStatus;
  result: 'succeeded' | 'partiallySucceeded' | 'failed' | 'canceled' | null;
  records: ServedRecord[];
  changeId: number;
  lastChangedDate: string;
  artifacts: Map<string, Buffer>;
  cancelRequested: boolean;
  /** What the agent's steps printed (for a test's failure message). */
  log: string;
}

export interface AgentRoutes {
  runs: ServedAzureRun[];
  /** The project's definitions: id -> name and YAML file ('' for a classic one). */
  definitions: Map<number, { name: string; yamlFilename: string }>;
  onQueued: (run: ServedAzureRun) => void;
  /** Records a change of a run (bumps its timeline's change id and the build's lastChangedDate when `build`). */
  touch(run: ServedAzureRun, build?: boolean): void;
}

const git = (dir: string, ...args: string[]): string => execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trimEnd();
const BUILD_AREA_LOCATION = { area: 'build', minVersion: '1.0', maxVersion: '7.2', releasedVersion: '7.1' };

function vssError(status: number, typeName: string, message: string): AzureAnswer {
  return { status, body: { $id: '1', innerException: null, message, typeName: `${typeName}, Microsoft.TeamFoundation.Build2.Server`, typeKey: typeName.split('.').pop(), errorCode: 0, eventId: 3000 } };
}

/** Adds the routes to `azure` for `project`, whose repository is the bare repository `bare`. */
export function addAgentRoutes(azure: AzureDevOpsServer, project: { id: string; name: string }, bare: string): AgentRoutes {
  let nextId = 700;
  const routes: AgentRoutes = {
    runs: [],
    definitions: new Map([[31, { name: 'fleet-control', yamlFilename: '.azure-pipelines/fleet-control.yml' }], [32, { name: 'ci', yamlFilename: 'azure-pipelines.yml' }]]),
    onQueued: () => undefined,
    touch(run, build = false) {
      run.changeId++;
      if (build) run.lastChangedDate = new Date().toISOString();
    },
  };
  azure.location({ id: 'dbeaf647-6167-421a-bda9-c9327b25e2e6', resourceName: 'definitions', routeTemplate: '{project}/_apis/build/{resource}/{definitionId}', resourceVersion: 7, ...BUILD_AREA_LOCATION });
  azure.location({ id: '1db06c96-014e-44e1-ac91-90b2d4b3e984', resourceName: 'artifacts', routeTemplate: '{project}/_apis/build/builds/{buildId}/{resource}', resourceVersion: 5, ...BUILD_AREA_LOCATION });
  const pipelines = { area: 'pipelines', resourceVersion: 1, minVersion: '5.1', maxVersion: '7.2', releasedVersion: '0.0' };
  azure.location({ id: '7859261e-d2e9-4a68-b820-a5d84cc5bb3d', resourceName: 'runs', routeTemplate: '{project}/_apis/pipelines/{pipelineId}/{resource}/{runId}', ...pipelines }, '5264459e-e5e0-4bd8-b118-0985e68a4ec5');
  const base = `${azure.organisationUrl}/${project.id}/_apis`;
  const web = (id: number) => `${azure.organisationUrl}/${encodeURIComponent(project.name)}/_build/results?buildId=${id}`;
  const own = (segment: string) => [project.id, project.name.toLowerCase()].includes(decodeURIComponent(segment).toLowerCase());
  const runOf = (segment: string, id: string) => (own(segment) ? routes.runs.find((r) => r.id === Number(id)) : undefined);
  const buildMissing = (id: string) => vssError(404, 'Microsoft.TeamFoundation.Build.WebApi.BuildNotFoundException', `TF215016: The requested build ${id} could not be found.`);

  azure.route('GET', /^\/([^/]+)\/_apis\/build\/definitions\/?$/i, (request, m) => {
    if (!own(m[1]!)) return vssError(404, 'Microsoft.TeamFoundation.Core.WebApi.ProjectDoesNotExistWithNameException', `TF200016: The following project does not exist: ${m[1]}.`);
    const all = request.query.get('includeAllProperties') === 'true';
    const yaml = request.query.get('yamlFilename');
    const value = [...routes.definitions]
      .filter(([, d]) => !yaml || !all || d.yamlFilename.toLowerCase() === yaml.replace(/^\//, '').toLowerCase())
      .map(([id, d]) => ({
        id,
        name: d.name,
        path: '\\',
        type: 'build',
        queueStatus: 'enabled',
        revision: 2,
        url: `${base}/build/Definitions/${id}?revision=2`,
        project: { id: project.id, name: project.name },
        ...(all ? { process: d.yamlFilename ? { yamlFilename: d.yamlFilename, type: 2 } : { type: 1 }, repository: { type: 'TfsGit', name: 'fleet', defaultBranch: 'refs/heads/main' } } : {}),
      }));
    return { status: 200, body: { count: value.length, value } };
  });

  azure.route('POST', /^\/([^/]+)\/_apis\/pipelines\/(\d+)\/runs\/?$/, (request: AzureRequest, m) => {
    const definition = own(m[1]!) ? routes.definitions.get(Number(m[2])) : undefined;
    if (!definition) return vssError(404, 'Microsoft.Azure.Pipelines.WebApi.PipelineNotFoundException', `Pipeline with id ${m[2]} not found.`);
    const body = (request.body ?? {}) as { resources?: { repositories?: { self?: { refName?: string } } }; templateParameters?: Record<string, unknown> };
    const refName = body.resources?.repositories?.self?.refName ?? 'refs/heads/main';
    let sha: string;
    let yaml: string;
    try {
      sha = git(bare, 'rev-parse', '--verify', '-q', `${refName}^{commit}`);
    } catch {
      return vssError(400, 'Microsoft.Azure.Pipelines.WebApi.PipelineValidationException', `Could not find a branch or tag named '${refName}'.`);
    }
    try {
      yaml = git(bare, 'show', `${sha}:${definition.yamlFilename}`);
    } catch {
      return vssError(400, 'Microsoft.Azure.Pipelines.WebApi.PipelineValidationException', `File /${definition.yamlFilename} not found in repository fleet branch ${refName} version ${sha}.`);
    }
    const declared = ((parse(yaml) as { parameters?: Array<{ name: string; default?: unknown }> }).parameters ?? []);
    const given = body.templateParameters ?? {};
    const unexpected = Object.keys(given).find((k) => !declared.some((p) => p.name === k));
    if (unexpected) return vssError(400, 'Microsoft.Azure.Pipelines.WebApi.PipelineValidationException', `/${definition.yamlFilename}: Unexpected parameter '${unexpected}'`);
    const missing = declared.find((p) => p.default === undefined && given[p.name] === undefined);
    if (missing) return vssError(400, 'Microsoft.Azure.Pipelines.WebApi.PipelineValidationException', `/${definition.yamlFilename}: A value for the '${missing.name}' parameter must be provided.`);
    const parameters = Object.fromEntries(declared.map((p) => [p.name, String(given[p.name] ?? p.default)]));
    const run: ServedAzureRun = { id: nextId++, definitionId: Number(m[2]), refName, sha, yaml, parameters, status: 'notStarted', result: null, records: [], changeId: 1, lastChangedDate: new Date().toISOString(), artifacts: new Map(), cancelRequested: false, log: '' };
    routes.runs.push(run);
    setImmediate(() => routes.onQueued(run));
    return {
      status: 200,
      body: {
        _links: { self: { href: `${base}/pipelines/${run.definitionId}/runs/${run.id}` }, web: { href: web(run.id) }, pipeline: { href: `${base}/pipelines/${run.definitionId}?revision=2` } },
        templateParameters: given,
        pipeline: { url: `${base}/pipelines/${run.definitionId}?revision=2`, id: run.definitionId, revision: 2, name: definition.name, folder: '\\' },
        state: 'inProgress',
        createdDate: new Date().toISOString(),
        url: `${base}/pipelines/${run.definitionId}/runs/${run.id}`,
        resources: { repositories: { self: { repository: { id: '00000001-aaaa-4bbb-8ccc-000000000001', type: 'azureReposGit' }, refName, version: sha } } },
        id: run.id,
        name: `20260105.${run.id}`,
      },
    };
  });

  azure.route('GET', /^\/([^/]+)\/_apis\/build\/builds\/?$/i, (request, m) => {
    const ids = (request.query.get('buildIds') ?? '').split(',').filter(Boolean).map(Number);
    const definitions = (request.query.get('definitions') ?? '').split(',').filter(Boolean).map(Number);
    const branch = request.query.get('branchName');
    const value = routes.runs
      .filter((r) => own(m[1]!) && (ids.length === 0 || ids.includes(r.id)) && (definitions.length === 0 || definitions.includes(r.definitionId)) && (!branch || r.refName === branch))
      .reverse()
      .slice(0, Number(request.query.get('$top') ?? 1000))
      .map(buildJson);
    return { status: 200, body: { count: value.length, value } };
  });

  azure.route('PATCH', /^\/([^/]+)\/_apis\/build\/builds\/(\d+)\/?$/i, (request, m) => {
    const run = runOf(m[1]!, m[2]!);
    if (!run) return buildMissing(m[2]!);
    const status = (request.body as { status?: unknown } | null)?.status;
    if (status !== 4 && status !== 'cancelling') return vssError(400, 'Microsoft.TeamFoundation.Build.WebApi.InvalidBuildException', 'The build can only be updated to status cancelling.');
    if (run.status !== 'completed') {
      run.cancelRequested = true;
      run.status = 'cancelling';
      routes.touch(run, true);
    }
    return { status: 200, body: buildJson(run) };
  });

  azure.route('GET', /^\/([^/]+)\/_apis\/build\/builds\/(\d+)\/Timeline\/?$/i, (_request, m) => {
    const run = runOf(m[1]!, m[2]!);
    if (!run) return buildMissing(m[2]!);
    const records = run.records.map((r) => ({ ...r, changeId: run.changeId, lastModified: run.lastChangedDate, errorCount: r.result === 'failed' ? 1 : 0, warningCount: 0, issues: [], workerName: r.type === 'Job' ? 'Stand-in Agent 1' : null, log: null }));
    return { status: 200, body: { records, lastChangedBy: '00000002-0000-8888-8000-000000000000', lastChangedOn: new Date(Date.parse(run.lastChangedDate) + run.changeId).toISOString(), id: '00000000-0000-0000-0000-0000000000bb', changeId: run.changeId, url: `${base}/build/builds/${run.id}/Timeline` } };
  });

  azure.route('GET', /^\/([^/]+)\/_apis\/build\/builds\/(\d+)\/artifacts\/?$/i, (request, m) => {
    const run = runOf(m[1]!, m[2]!);
    if (!run) return buildMissing(m[2]!);
    const name = request.query.get('artifactName') ?? '';
    const zip = run.artifacts.get(name);
    if (!zip) return vssError(404, 'Microsoft.TeamFoundation.Build.WebApi.ArtifactNotFoundException', `Artifact ${name} was not found for build ${run.id}.`);
    if (/application\/zip/.test(String(request.headers.accept ?? '')) || request.query.get('$format') === 'zip') {
      return { status: 200, raw: zip, headers: { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename=${name}.zip; filename*=UTF-8''${name}.zip` } } as AzureAnswer;
    }
    const downloadUrl = `${base}/build/builds/${run.id}/artifacts?artifactName=${name}&api-version=7.1&%24format=zip`;
    return { status: 200, body: { id: 1, name, source: null, resource: { type: 'PipelineArtifact', data: '5AB1C6E2B6A1A1D0C0A1', properties: { RootId: 'x', artifactsize: String(zip.length) }, url: `${base}/build/builds/${run.id}/artifacts?artifactName=${name}&api-version=7.1`, downloadUrl } } };
  });
  return routes;

  function buildJson(run: ServedAzureRun): unknown {
    const definition = routes.definitions.get(run.definitionId);
    const started = run.records.find((r) => r.type === 'Job')?.startTime;
    return {
      _links: { self: { href: `${base}/build/Builds/${run.id}` }, web: { href: web(run.id) }, timeline: { href: `${base}/build/builds/${run.id}/Timeline` } },
      id: run.id,
      // The pipeline's `name:` with the run's parameters, as Azure numbers the run.
      buildNumber: String((parse(run.yaml) as { name?: string }).name ?? `20260105.${run.id}`).replace(/\$\{\{\s*parameters\.(\w+)\s*\}\}/g, (_, n: string) => run.parameters[n] ?? ''),
      status: run.status,
      ...(run.result ? { result: run.result, finishTime: run.lastChangedDate } : {}),
      queueTime: run.lastChangedDate,
      ...(started ? { startTime: started } : {}),
      url: `${base}/build/Builds/${run.id}`,
      definition: { id: run.definitionId, name: definition?.name, path: '\\', type: 'build', queueStatus: 'enabled', project: { id: project.id, name: project.name } },
      project: { id: project.id, name: project.name },
      sourceBranch: run.refName,
      sourceVersion: run.sha,
      templateParameters: run.parameters,
      reason: 'manual',
      priority: 'normal',
      lastChangedDate: run.lastChangedDate,
      repository: { id: '00000001-aaaa-4bbb-8ccc-000000000001', type: 'TfsGit' },
    };
  }
}
