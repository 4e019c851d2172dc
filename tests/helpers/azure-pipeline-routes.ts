// Azure Pipelines' REST routes for deploys, added to the loopback Azure DevOps server: the pipelines area (its
// resource area and locations, as the client discovers them), Pipelines - List, Runs - Run Pipeline, Runs - Get, and
// the run as a build (Builds - Get, Builds - Update status=cancelling, Timeline - Get with its Stage records). A PAT
// without "Build (Read & execute)" gets 401, an account without "Queue builds" 403, each with Azure's error body.
// Runs follow a script: each read of the build moves it one step, so a test says what Azure will report, in order.

import type { AzureAnswer, AzureDevOpsServer, AzureRequest } from './azure-devops-server';

export interface ScriptedStage {
  name: string;
  state: 'pending' | 'inProgress' | 'completed';
  result?: 'succeeded' | 'failed' | 'canceled' | 'skipped';
  /** Error issues of the stage's failing task (Azure's timeline puts them on the Task record). */
  errors?: string[];
}

export interface PipelineStep {
  status: 'notStarted' | 'inProgress' | 'completed';
  result?: 'succeeded' | 'failed' | 'canceled';
  stages: ScriptedStage[];
}

export interface ServedPipelineRun {
  id: number;
  pipelineId: number;
  refName: string;
  templateParameters: Record<string, unknown>;
  script: PipelineStep[];
  at: number;
  /** Set by a PATCH status=cancelling: the next read says cancelling, the one after completed/canceled. */
  cancelledAt: number | null;
}

export interface PipelineRoutes {
  runs: ServedPipelineRun[];
  /** The script the next run follows. */
  script: PipelineStep[];
  /** Pipelines of the project (id -> name, the template parameters it declares). */
  pipelines: Map<number, { name: string; parameters: string[] }>;
  /** What the PAT may do: 'execute' is "Build (Read & execute)"; without it runs and cancels answer 401. */
  scopes: Set<'execute'>;
  /** The account lacks the pipeline's "Queue builds" permission (403) although the PAT's scope allows it. */
  queueDenied: boolean;
}

const PIPELINES_AREA = '5264459e-e5e0-4bd8-b118-0985e68a4ec5';

function vssError(status: number, typeName: string, message: string): AzureAnswer {
  const typeKey = typeName.split('.').pop()!;
  return { status, body: { $id: '1', innerException: null, message, typeName: `${typeName}, Microsoft.TeamFoundation.Framework.Server`, typeKey, errorCode: 0, eventId: 3000 } };
}

/** A script: `waits` reads of a run not yet started, then Build and Deploy stages in turn, ending `result`. */
export function pipelineScript(result: 'succeeded' | 'failed' | 'canceled', waits = 1, error = 'Deployment to staging failed: the target refused the package.'): PipelineStep[] {
  const pending: ScriptedStage[] = [
    { name: 'Build', state: 'pending' },
    { name: 'Deploy', state: 'pending' },
  ];
  const queued: PipelineStep = { status: 'notStarted', stages: pending };
  const building: PipelineStep = { status: 'inProgress', stages: [{ name: 'Build', state: 'inProgress' }, pending[1]!] };
  const deploying: PipelineStep = { status: 'inProgress', stages: [{ name: 'Build', state: 'completed', result: 'succeeded' }, { name: 'Deploy', state: 'inProgress' }] };
  const last: ScriptedStage = { name: 'Deploy', state: 'completed', result, ...(result === 'failed' ? { errors: [error, 'Process completed with exit code 1.'] } : {}) };
  const done: PipelineStep = { status: 'completed', result, stages: [{ name: 'Build', state: 'completed', result: 'succeeded' }, last] };
  return [...Array.from({ length: waits }, () => queued), building, deploying, done];
}

/** The run's step at read `at`; after a cancel: cancelling, then completed/canceled with unfinished stages canceled. */
function stepOf(run: ServedPipelineRun, at: number): Omit<PipelineStep, 'status'> & { status: PipelineStep['status'] | 'cancelling' } {
  const step = run.script[Math.min(at, run.script.length - 1)]!;
  if (run.cancelledAt === null || at < run.cancelledAt) return step;
  const frozen = run.script[Math.min(run.cancelledAt, run.script.length - 1)]!;
  if (at === run.cancelledAt) return { ...frozen, status: 'cancelling' };
  return { status: 'completed', result: 'canceled', stages: frozen.stages.map((s) => (s.state === 'completed' ? s : { name: s.name, state: 'completed', result: 'canceled' })) };
}

/** Adds the pipelines routes to `azure` for the project `project`; the returned object is the test's handle. */
export function addPipelineRoutes(azure: AzureDevOpsServer, project: { id: string; name: string }): PipelineRoutes {
  const routes: PipelineRoutes = { runs: [], script: pipelineScript('succeeded'), pipelines: new Map([[12, { name: 'deploy-web', parameters: ['target'] }]]), scopes: new Set(['execute']), queueDenied: false };
  const loc = (id: string, area: string, resourceName: string, routeTemplate: string) => ({ id, area, resourceName, routeTemplate, resourceVersion: 1, minVersion: '5.1', maxVersion: '7.2', releasedVersion: '0.0' });
  azure.location(loc('28e1305e-2afe-47bf-abaf-cbb0e6a91988', 'pipelines', 'pipelines', '{project}/_apis/{resource}/{pipelineId}'), PIPELINES_AREA);
  azure.location(loc('7859261e-d2e9-4a68-b820-a5d84cc5bb3d', 'pipelines', 'runs', '{project}/_apis/pipelines/{pipelineId}/{resource}/{runId}'));
  const web = (id: number) => `${azure.organisationUrl}/${encodeURIComponent(project.name)}/_build/results?buildId=${id}`;
  const ownProject = (segment: string) => [project.id, project.name.toLowerCase()].includes(decodeURIComponent(segment).toLowerCase());
  const projectMissing = (segment: string) =>
    vssError(404, 'Microsoft.TeamFoundation.Core.WebApi.ProjectDoesNotExistWithNameException', `TF200016: The following project does not exist: ${decodeURIComponent(segment)}. Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.`);
  const runOf = (id: string) => routes.runs.find((r) => r.id === Number(id));
  const unscoped = (): AzureAnswer | null =>
    routes.scopes.has('execute') ? null : vssError(401, 'Microsoft.TeamFoundation.Framework.Server.UnauthorizedRequestException', "TF400813: The user 'Fleet User' is not authorized to access this resource.");
  const pipelineJson = (id: number, name: string) => ({ _links: { self: { href: `${azure.organisationUrl}/${project.id}/_apis/pipelines/${id}` }, web: { href: `${azure.organisationUrl}/${project.name}/_build/definition?definitionId=${id}` } }, url: `${azure.organisationUrl}/${project.id}/_apis/pipelines/${id}?revision=3`, id, revision: 3, name, folder: '\\' });

  azure.route('GET', /^\/([^/]+)\/_apis\/pipelines\/?$/, (_request, m) => {
    if (!ownProject(m[1]!)) return projectMissing(m[1]!);
    const value = [...routes.pipelines].map(([id, p]) => pipelineJson(id, p.name));
    return { status: 200, body: { count: value.length, value } };
  });
  azure.route('POST', /^\/([^/]+)\/_apis\/pipelines\/(\d+)\/runs\/?$/, (request: AzureRequest, m) => {
    if (!ownProject(m[1]!)) return projectMissing(m[1]!);
    const pipeline = routes.pipelines.get(Number(m[2]));
    if (!pipeline) return vssError(404, 'Microsoft.Azure.Pipelines.WebApi.PipelineNotFoundException', `Pipeline with id ${m[2]} not found.`);
    const refused = unscoped();
    if (refused) return refused;
    if (routes.queueDenied) {
      return vssError(403, 'Microsoft.TeamFoundation.Build.WebApi.AccessDeniedException', `TF215106: Access denied. Fleet User needs Queue builds permissions for build pipeline ${m[2]}:${pipeline.name} in team project ${project.name} to perform the action. For more information, contact the Azure DevOps administrator.`);
    }
    const body = (request.body ?? {}) as { resources?: { repositories?: { self?: { refName?: string } } }; templateParameters?: Record<string, unknown> };
    const refName = body.resources?.repositories?.self?.refName ?? 'refs/heads/main';
    const parameters = body.templateParameters ?? {};
    const unexpected = Object.keys(parameters).find((k) => !pipeline.parameters.includes(k));
    if (unexpected) return vssError(400, 'Microsoft.Azure.Pipelines.WebApi.PipelineValidationException', `Unexpected parameter '${unexpected}'`);
    if (!azure.branches.has(refName.replace(/^refs\/heads\//, ''))) return vssError(400, 'Microsoft.Azure.Pipelines.WebApi.PipelineValidationException', `Could not find a branch or tag named '${refName}'.`);
    const run: ServedPipelineRun = { id: 501 + routes.runs.length, pipelineId: Number(m[2]), refName, templateParameters: parameters, script: routes.script, at: 0, cancelledAt: null };
    routes.runs.push(run);
    return { status: 200, body: runJson(run, pipeline.name) };
  });
  azure.route('GET', /^\/([^/]+)\/_apis\/pipelines\/(\d+)\/runs\/(\d+)\/?$/, (_request, m) => {
    const run = ownProject(m[1]!) ? runOf(m[3]!) : undefined;
    if (!run || run.pipelineId !== Number(m[2])) return vssError(404, 'Microsoft.Azure.Pipelines.WebApi.RunNotFoundException', `Run with id ${m[3]} not found.`);
    return { status: 200, body: runJson(run, routes.pipelines.get(run.pipelineId)?.name ?? '') };
  });
  azure.route('GET', /^\/([^/]+)\/_apis\/build\/builds\/(\d+)\/?$/i, (_request, m) => {
    if (!ownProject(m[1]!)) return projectMissing(m[1]!);
    const run = runOf(m[2]!);
    if (!run) return vssError(404, 'Microsoft.TeamFoundation.Build.WebApi.BuildNotFoundException', `TF215016: The requested build ${m[2]} could not be found.`);
    const body = buildJson(run);
    run.at++;
    return { status: 200, body };
  });
  azure.route('PATCH', /^\/([^/]+)\/_apis\/build\/builds\/(\d+)\/?$/i, (request, m) => {
    if (!ownProject(m[1]!)) return projectMissing(m[1]!);
    const run = runOf(m[2]!);
    if (!run) return vssError(404, 'Microsoft.TeamFoundation.Build.WebApi.BuildNotFoundException', `TF215016: The requested build ${m[2]} could not be found.`);
    const refused = unscoped();
    if (refused) return refused;
    const status = (request.body as { status?: unknown } | null)?.status;
    if (status !== 4 && status !== 'cancelling') return vssError(400, 'Microsoft.TeamFoundation.Build.WebApi.InvalidBuildException', 'The build can only be updated to status cancelling.');
    if (stepOf(run, Math.max(0, run.at - 1)).status !== 'completed' && run.cancelledAt === null) run.cancelledAt = run.at;
    return { status: 200, body: buildJson(run) };
  });
  azure.route('GET', /^\/([^/]+)\/_apis\/build\/builds\/(\d+)\/Timeline\/?$/i, (_request, m) => {
    const run = ownProject(m[1]!) ? runOf(m[2]!) : undefined;
    if (!run) return vssError(404, 'Microsoft.TeamFoundation.Build.WebApi.BuildNotFoundException', `TF215016: The requested build ${m[2]} could not be found.`);
    return { status: 200, body: timelineJson(run) };
  });
  return routes;

  function runJson(run: ServedPipelineRun, name: string): unknown {
    const step = stepOf(run, Math.max(0, run.at - 1));
    const state = step.status === 'completed' ? 'completed' : step.status === 'cancelling' ? 'canceling' : 'inProgress';
    return {
      _links: { self: { href: `${azure.organisationUrl}/${project.id}/_apis/pipelines/${run.pipelineId}/runs/${run.id}` }, web: { href: web(run.id) }, 'pipeline.web': { href: `${azure.organisationUrl}/${project.id}/_build/definition?definitionId=${run.pipelineId}` }, pipeline: { href: `${azure.organisationUrl}/${project.id}/_apis/pipelines/${run.pipelineId}?revision=3` } },
      templateParameters: run.templateParameters,
      pipeline: { url: `${azure.organisationUrl}/${project.id}/_apis/pipelines/${run.pipelineId}?revision=3`, id: run.pipelineId, revision: 3, name, folder: '\\' },
      state,
      ...(step.status === 'completed' ? { result: step.result } : {}),
      createdDate: '2026-01-05T10:00:00.0000000Z',
      url: `${azure.organisationUrl}/${project.id}/_apis/pipelines/${run.pipelineId}/runs/${run.id}`,
      resources: { repositories: { self: { repository: { id: '00000001-aaaa-4bbb-8ccc-000000000001', type: 'azureReposGit' }, refName: run.refName, version: azure.branches.get(run.refName.replace(/^refs\/heads\//, '')) } } },
      id: run.id,
      name: `20260105.${run.id}`,
    };
  }

  function buildJson(run: ServedPipelineRun): unknown {
    const step = stepOf(run, run.at);
    return {
      _links: { self: { href: `${azure.organisationUrl}/${project.id}/_apis/build/Builds/${run.id}` }, web: { href: web(run.id) }, timeline: { href: `${azure.organisationUrl}/${project.id}/_apis/build/builds/${run.id}/Timeline` } },
      id: run.id,
      buildNumber: `20260105.${run.id}`,
      status: step.status,
      ...(step.status === 'completed' ? { result: step.result, finishTime: '2026-01-05T10:04:00.000Z' } : {}),
      queueTime: '2026-01-05T10:00:00.000Z',
      ...(step.status === 'notStarted' ? {} : { startTime: '2026-01-05T10:00:20.000Z' }),
      url: `${azure.organisationUrl}/${project.id}/_apis/build/Builds/${run.id}`,
      definition: { id: run.pipelineId, name: routes.pipelines.get(run.pipelineId)?.name, path: '\\', type: 'build', queueStatus: 'enabled', project: { id: project.id, name: project.name } },
      project: { id: project.id, name: project.name },
      sourceBranch: run.refName,
      sourceVersion: azure.branches.get(run.refName.replace(/^refs\/heads\//, '')),
      reason: 'manual',
      priority: 'normal',
    };
  }

  /** The timeline as of the run's last answer: Stage records, each with a Phase, a Job and a Task below it. */
  function timelineJson(run: ServedPipelineRun): unknown {
    const step = stepOf(run, Math.max(0, run.at - 1));
    const records: unknown[] = [];
    step.stages.forEach((stage, i) => {
      const times = { startTime: stage.state === 'pending' ? null : '2026-01-05T10:01:00.000Z', finishTime: stage.state === 'completed' ? '2026-01-05T10:03:00.000Z' : null };
      const base = { state: stage.state, result: stage.result ?? null, order: i + 1, warningCount: 0, ...times };
      const id = `stage-${i + 1}`;
      records.push({ ...base, id, parentId: null, type: 'Stage', name: stage.name, identifier: stage.name, errorCount: 0, issues: [] });
      records.push({ ...base, id: `phase-${i + 1}`, parentId: id, type: 'Phase', name: `${stage.name} job`, errorCount: 0, issues: [] });
      records.push({ ...base, id: `job-${i + 1}`, parentId: `phase-${i + 1}`, type: 'Job', name: `${stage.name} job`, workerName: 'Hosted Agent', errorCount: 0, issues: [] });
      const issues = (stage.errors ?? []).map((message) => ({ type: 'error', category: 'General', message, data: { type: 'error', logFileLineNumber: '12' } }));
      records.push({ ...base, id: `task-${i + 1}`, parentId: `job-${i + 1}`, type: 'Task', name: stage.name === 'Deploy' ? 'Deploy to staging' : 'npm run build', errorCount: issues.length, issues, log: { id: i + 3, type: 'Container' } });
    });
    return { records, lastChangedBy: 'u1', lastChangedOn: '2026-01-05T10:03:00.000Z', id: '00000000-0000-0000-0000-0000000000bb', changeId: run.at, url: `${azure.organisationUrl}/${project.id}/_apis/build/builds/${run.id}/Timeline` };
  }
}
