// Azure Repos and Azure Pipelines routes for the CI runner set-up, added to the loopback Azure DevOps server: Items -
// Get (object id of a file on a branch, read from a real bare repository), Pull Requests - Get Pull Requests (search
// criteria) / Create, Definitions - List (by repository, with the YAML file name) and Pipelines - Create. Wire shapes
// and error bodies as Azure sends them: TF401174 item not found, TF401175 unknown version, TF401179 pull request exists,
// TF400813 for a PAT without the scope (401), TF401027 / TF215106-style 403s for an account without the permission, and
// PipelineValidationException when the YAML file is not on the default branch.

import type { AzureAnswer, AzureDevOpsServer, AzureRequest } from './azure-devops-server';
import { git } from './git';

export interface ServedPull {
  pullRequestId: number;
  status: 'active' | 'abandoned' | 'completed';
  isDraft: boolean;
  sourceRefName: string;
  targetRefName: string;
  title: string;
  description: string;
  creationDate: string;
  closedDate?: string;
}

export interface ServedDefinition {
  id: number;
  name: string;
  yamlFilename: string;
  repositoryId: string;
}

export interface ReposRoutes {
  pulls: ServedPull[];
  definitions: ServedDefinition[];
  /** The PAT's scopes: 'code_write' is "Code (Read & write)", 'build_execute' is "Build (Read & execute)". */
  scopes: Set<'code_write' | 'build_execute'>;
  /** The account lacks "Contribute to pull requests" (403 TF401027) / pipeline permissions (403). */
  denied: Set<'pulls' | 'pipelines'>;
  /** Marks a pull request completed (the test moves the bare repository's target branch itself). */
  completePull(id: number): void;
}

export interface ServedRepository {
  project: { id: string; name: string };
  id: string;
  name: string;
  /** The bare repository git's http-backend serves for it. */
  bare: string;
  defaultBranch: string;
}

const GIT_AREA = '4e080c62-fa21-4fbc-8fef-2a10a2b38049';
const PIPELINES_AREA = '5264459e-e5e0-4bd8-b118-0985e68a4ec5';

function vssError(status: number, typeName: string, message: string): AzureAnswer {
  const typeKey = typeName.split('.').pop()!;
  return { status, body: { $id: '1', innerException: null, message, typeName: `${typeName}, Microsoft.TeamFoundation.Git.Server`, typeKey, errorCode: 0, eventId: 3000 } };
}

const unauthorised = () => vssError(401, 'Microsoft.TeamFoundation.Framework.Server.UnauthorizedRequestException', "TF400813: The user 'Fleet User' is not authorized to access this resource.");

function blobAt(bare: string, ref: string, path: string): { oid: string; commit: string } | null | 'no-version' {
  const read = (spec: string): string | null => {
    try {
      return git(bare, 'rev-parse', '--verify', '-q', spec);
    } catch {
      return null;
    }
  };
  const commit = read(`refs/heads/${ref}^{commit}`);
  if (!commit) return 'no-version';
  const oid = read(`${commit}:${path.replace(/^\/+/, '')}`);
  return oid && git(bare, 'cat-file', '-t', oid) === 'blob' ? { oid, commit } : null;
}

/** Adds the set-up routes for one repository; the returned object is the test's handle. */
export function addReposRoutes(azure: AzureDevOpsServer, repo: ServedRepository): ReposRoutes {
  const routes: ReposRoutes = {
    pulls: [],
    definitions: [],
    scopes: new Set(['code_write', 'build_execute']),
    denied: new Set(),
    completePull: (id) => Object.assign(routes.pulls.find((p) => p.pullRequestId === id)!, { status: 'completed', closedDate: '2026-01-05T11:00:00.000Z' }),
  };
  const loc = (id: string, area: string, resourceName: string, routeTemplate: string) => ({ id, area, resourceName, routeTemplate, resourceVersion: 1, minVersion: '1.0', maxVersion: '7.2', releasedVersion: '7.1' });
  azure.location(loc('fb93c0db-47ed-4a31-8c20-47552878fb44', 'git', 'items', '{project}/_apis/git/repositories/{repositoryId}/{resource}/{*path}'), GIT_AREA);
  azure.location(loc('9946fd70-0d40-406e-b686-b4744cbbcc37', 'git', 'pullRequests', '{project}/_apis/git/repositories/{repositoryId}/{resource}/{pullRequestId}'));
  azure.location(loc('dbeaf647-6167-421a-bda9-c9327b25e2e6', 'build', 'Definitions', '{project}/_apis/build/{resource}/{definitionId}'));
  azure.location(loc('28e1305e-2afe-47bf-abaf-cbb0e6a91988', 'pipelines', 'pipelines', '{project}/_apis/{resource}/{pipelineId}'), PIPELINES_AREA);

  const org = azure.organisationUrl;
  const ours = (project: string, repository?: string) =>
    [repo.project.id, repo.project.name.toLowerCase()].includes(decodeURIComponent(project).toLowerCase()) && (repository === undefined || [repo.id, repo.name.toLowerCase()].includes(decodeURIComponent(repository).toLowerCase()));
  const missing = () => vssError(404, 'Microsoft.TeamFoundation.Git.Server.GitRepositoryNotFoundException', 'TF401019: The Git repository with name or identifier fleet does not exist or you do not have permissions for the operation you are attempting.');
  const repoJson = { id: repo.id, name: repo.name, url: `${org}/${repo.project.id}/_apis/git/repositories/${repo.id}`, project: { id: repo.project.id, name: repo.project.name, state: 'wellFormed' } };
  const pullJson = (p: ServedPull) => ({
    repository: repoJson,
    pullRequestId: p.pullRequestId,
    codeReviewId: p.pullRequestId,
    status: p.status,
    createdBy: { displayName: 'Fleet User', id: 'u1' },
    creationDate: p.creationDate,
    ...(p.closedDate ? { closedDate: p.closedDate } : {}),
    title: p.title,
    description: p.description,
    sourceRefName: p.sourceRefName,
    targetRefName: p.targetRefName,
    mergeStatus: 'succeeded',
    isDraft: p.isDraft,
    mergeId: '00000000-0000-0000-0000-0000000000cc',
    reviewers: [],
    url: `${org}/${repo.project.id}/_apis/git/repositories/${repo.id}/pullRequests/${p.pullRequestId}`,
    supportsIterations: true,
  });
  // Query enums arrive as the client sends them: numbers (PullRequestStatus.All = 4) or names.
  const STATUS: Record<string, ServedPull['status'] | 'all'> = { '1': 'active', '2': 'abandoned', '3': 'completed', '4': 'all', active: 'active', abandoned: 'abandoned', completed: 'completed', all: 'all' };

  azure.route('GET', /^\/([^/]+)\/_apis\/git\/repositories\/([^/]+)\/items\/?$/i, (request: AzureRequest, m) => {
    if (!ours(m[1]!, m[2]!)) return missing();
    const path = request.query.get('path') ?? '/';
    const version = request.query.get('versionDescriptor.version') ?? repo.defaultBranch;
    const found = blobAt(repo.bare, version, path);
    if (found === 'no-version') return vssError(404, 'Microsoft.TeamFoundation.Git.Server.GitUnresolvableToCommitException', `TF401175:The version descriptor <Branch: ${version} > could not be resolved to a version in the repository ${repo.name}`);
    if (!found) {
      const commit = git(repo.bare, 'rev-parse', `refs/heads/${version}`);
      return vssError(404, 'Microsoft.TeamFoundation.Git.Server.GitItemNotFoundException', `TF401174: The item '${path}' could not be found in the repository '${repo.name}' at the version specified by '<Branch: ${version} >' (resolved to commit '${commit}').`);
    }
    const normal = `/${path.replace(/^\/+/, '')}`;
    return { status: 200, body: { objectId: found.oid, gitObjectType: 'blob', commitId: found.commit, path: normal, url: `${org}/${repo.project.id}/_apis/git/repositories/${repo.id}/items?path=${encodeURIComponent(normal)}&versionType=Branch&version=${version}&versionOptions=None` } };
  });

  azure.route('GET', /^\/([^/]+)\/_apis\/git\/repositories\/([^/]+)\/pullRequests\/?$/i, (request, m) => {
    if (!ours(m[1]!, m[2]!)) return missing();
    const q = request.query;
    const status = STATUS[(q.get('searchCriteria.status') ?? 'active').toLowerCase()] ?? 'active';
    const top = Number(q.get('$top') ?? 101);
    const value = routes.pulls
      .filter((p) => (status === 'all' || p.status === status) && (!q.get('searchCriteria.sourceRefName') || p.sourceRefName === q.get('searchCriteria.sourceRefName')) && (!q.get('searchCriteria.targetRefName') || p.targetRefName === q.get('searchCriteria.targetRefName')))
      .sort((a, b) => b.pullRequestId - a.pullRequestId)
      .slice(0, top)
      .map(pullJson);
    return { status: 200, body: { value, count: value.length } };
  });

  azure.route('POST', /^\/([^/]+)\/_apis\/git\/repositories\/([^/]+)\/pullRequests\/?$/i, (request, m) => {
    if (!ours(m[1]!, m[2]!)) return missing();
    if (!routes.scopes.has('code_write')) return unauthorised();
    if (routes.denied.has('pulls')) {
      return vssError(403, 'Microsoft.TeamFoundation.Git.Server.GitNeedsPermissionException', "TF401027: You need the Git 'PullRequestContribute' permission to perform this action. Details: identity 'Fleet User', scope 'repository'.");
    }
    const body = (request.body ?? {}) as Partial<ServedPull>;
    const source = body.sourceRefName ?? '';
    const target = body.targetRefName ?? '';
    for (const ref of [source, target]) {
      if (blobAt(repo.bare, ref.replace(/^refs\/heads\//, ''), '') === 'no-version') {
        return vssError(404, 'Microsoft.TeamFoundation.Git.Server.GitRefNotFoundException', `TF401398: The pull request cannot be activated because the source and/or the target branch no longer exists, or the requested refs are not branches`);
      }
    }
    if (routes.pulls.some((p) => p.status === 'active' && p.sourceRefName === source && p.targetRefName === target)) {
      return vssError(409, 'Microsoft.TeamFoundation.Git.Server.GitPullRequestExistsException', 'TF401179: An active pull request for the source and target branch already exists.');
    }
    const pull: ServedPull = { pullRequestId: routes.pulls.length + 1, status: 'active', isDraft: body.isDraft === true, sourceRefName: source, targetRefName: target, title: body.title ?? '', description: body.description ?? '', creationDate: '2026-01-05T10:00:00.000Z' };
    routes.pulls.push(pull);
    return { status: 201, body: pullJson(pull) };
  });

  azure.route('GET', /^\/([^/]+)\/_apis\/build\/definitions\/?$/i, (request, m) => {
    if (!ours(m[1]!)) return missing();
    const repositoryId = request.query.get('repositoryId');
    const all = request.query.get('includeAllProperties') === 'true';
    const value = routes.definitions
      .filter((d) => !repositoryId || d.repositoryId === repositoryId)
      .map((d) => ({
        _links: { self: { href: `${org}/${repo.project.id}/_apis/build/Definitions/${d.id}?revision=1` }, web: { href: `${org}/${repo.project.id}/_build/definition?definitionId=${d.id}` } },
        id: d.id,
        name: d.name,
        path: '\\',
        type: 'build',
        queueStatus: 'enabled',
        revision: 1,
        url: `${org}/${repo.project.id}/_apis/build/Definitions/${d.id}?revision=1`,
        project: { id: repo.project.id, name: repo.project.name },
        // Without includeAllProperties Azure leaves out the process and repository.
        ...(all ? { process: { yamlFilename: d.yamlFilename, type: 2 }, repository: { id: d.repositoryId, type: 'TfsGit', name: repo.name, defaultBranch: `refs/heads/${repo.defaultBranch}` } } : {}),
      }));
    return { status: 200, body: { count: value.length, value } };
  });

  azure.route('POST', /^\/([^/]+)\/_apis\/pipelines\/?$/i, (request, m) => {
    if (!ours(m[1]!)) return missing();
    if (!routes.scopes.has('build_execute')) return unauthorised();
    if (routes.denied.has('pipelines')) {
      return vssError(403, 'Microsoft.TeamFoundation.Build.WebApi.AccessDeniedException', `TF215106: Access denied. Fleet User needs Edit build pipeline permissions for build pipeline \\ in team project ${repo.project.name} to perform the action. For more information, contact the Azure DevOps administrator.`);
    }
    const body = (request.body ?? {}) as { name?: string; folder?: string; configuration?: { type?: string; path?: string; repository?: { id?: string; type?: string } } };
    const config = body.configuration;
    if (config?.type !== 'yaml' || !config.path) return vssError(400, 'System.ArgumentNullException', 'Value cannot be null.\r\nParameter name: Path');
    if (config.repository?.id !== repo.id || config.repository.type !== 'azureReposGit') return missing();
    const found = blobAt(repo.bare, repo.defaultBranch, config.path);
    if (!found || found === 'no-version') {
      const tip = git(repo.bare, 'rev-parse', `refs/heads/${repo.defaultBranch}`);
      return vssError(400, 'Microsoft.Azure.Pipelines.WebApi.PipelineValidationException', `File ${config.path} not found in repository ${org}/${repo.project.name}/_git/${repo.name} branch refs/heads/${repo.defaultBranch} version ${tip}.`);
    }
    const definition: ServedDefinition = { id: 30 + routes.definitions.length, name: body.name ?? 'pipeline', yamlFilename: config.path, repositoryId: repo.id };
    routes.definitions.push(definition);
    return {
      status: 200,
      body: {
        _links: { self: { href: `${org}/${repo.project.id}/_apis/pipelines/${definition.id}` }, web: { href: `${org}/${repo.project.id}/_build/definition?definitionId=${definition.id}` } },
        configuration: { path: config.path, repository: { id: repo.id, type: 'azureReposGit' }, type: 'yaml' },
        url: `${org}/${repo.project.id}/_apis/pipelines/${definition.id}?revision=1`,
        id: definition.id,
        revision: 1,
        name: definition.name,
        folder: body.folder ?? '\\',
      },
    };
  });
  return routes;
}
