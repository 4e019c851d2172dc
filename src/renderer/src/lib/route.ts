// The URL hash is the renderer's route, so a reload keeps your place: #/ (board), #/module/<id>[/<doc>],
// #/workspaces (the start screen while a workspace is open), #/workspace-docs[/<FILE>] (workspace documents),
// #/merge (forecast and merges), #/module/<id>/changes[/run/<runId> | /remote/<runId> | /branch] (implementation runs and the branch's code),
// #/deploy[/<environment>] (deploys: what goes out, the run, the environment's history).

import { DOC_KINDS, WORKSPACE_DOC_FILE_NAMES, type DocKind, type WorkspaceDocName } from '../../../shared/documents';

export type Route =
  | { page: 'board' }
  | { page: 'workspaces' }
  | { page: 'settings-remotes' }
  | { page: 'module'; moduleId: string; doc: DocKind | null }
  | { page: 'workspace-docs'; name: WorkspaceDocName | null }
  | { page: 'agent-settings' }
  | { page: 'agent-runs'; batchId: string | null }
  | { page: 'merge' }
  | { page: 'deploy'; environment: string | null }
  | { page: 'module-changes'; moduleId: string; view: ChangesView }
  /** An address no page answers to: said so, with a way back, rather than showing the board as if it were asked for. */
  | { page: 'not-found'; hash: string };

/** What the Changes view shows: the module's runs (one open), or the whole branch against the base. */
export type ChangesView = { kind: 'runs'; runId: string | null } | { kind: 'branch' } | { kind: 'remote'; runId: string };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(safeDecode);
  if (parts.length === 0) return { page: 'board' };
  if (parts[0] === 'workspaces' && parts.length === 1) return { page: 'workspaces' };
  if (parts[0] === 'settings' && parts[1] === 'remotes' && parts.length === 2) return { page: 'settings-remotes' };
  if (parts[0] === 'workspace-docs' && parts.length <= 2) {
    const name = parts[1] && (WORKSPACE_DOC_FILE_NAMES as readonly string[]).includes(parts[1]) ? (parts[1] as WorkspaceDocName) : null;
    return { page: 'workspace-docs', name };
  }
  if (parts[0] === 'settings' && parts[1] === 'agents' && parts.length === 2) return { page: 'agent-settings' };
  if (parts[0] === 'merge' && parts.length === 1) return { page: 'merge' };
  if (parts[0] === 'deploy' && parts.length <= 2 && (!parts[1] || SLUG.test(parts[1]))) return { page: 'deploy', environment: parts[1] ?? null };
  if (parts[0] === 'runs' && parts.length <= 2) return { page: 'agent-runs', batchId: parts[1] ?? null };
  if (parts[0] === 'module' && parts[1] && SLUG.test(parts[1]) && parts[2] === 'changes') {
    if (parts[3] === 'branch' && parts.length === 4) return { page: 'module-changes', moduleId: parts[1], view: { kind: 'branch' } };
    if (parts[3] === 'run' && parts[4] && parts.length === 5) return { page: 'module-changes', moduleId: parts[1], view: { kind: 'runs', runId: parts[4] } };
    if (parts[3] === 'remote' && parts[4] && parts.length === 5) return { page: 'module-changes', moduleId: parts[1], view: { kind: 'remote', runId: parts[4] } };
    return { page: 'module-changes', moduleId: parts[1], view: { kind: 'runs', runId: null } };
  }
  if (parts[0] === 'module' && parts[1] && SLUG.test(parts[1]) && parts.length <= 3) {
    const doc = parts[2] && (DOC_KINDS as readonly string[]).includes(parts[2]) ? (parts[2] as DocKind) : null;
    return { page: 'module', moduleId: parts[1], doc };
  }
  return { page: 'not-found', hash: hash.startsWith('#') ? hash : `#${hash}` };
}

export function formatHash(route: Route): string {
  switch (route.page) {
    case 'board':
      return '#/';
    case 'workspaces':
      return '#/workspaces';
    case 'settings-remotes':
      return '#/settings/remotes';
    case 'module':
      return `#/module/${encodeURIComponent(route.moduleId)}${route.doc ? `/${route.doc}` : ''}`;
    case 'workspace-docs':
      return `#/workspace-docs${route.name ? `/${route.name}` : ''}`;
    case 'agent-settings':
      return '#/settings/agents';
    case 'agent-runs':
      return `#/runs${route.batchId ? `/${encodeURIComponent(route.batchId)}` : ''}`;
    case 'merge':
      return '#/merge';
    case 'deploy':
      return `#/deploy${route.environment ? `/${encodeURIComponent(route.environment)}` : ''}`;
    case 'not-found':
      return route.hash;
    case 'module-changes': {
      const base = `#/module/${encodeURIComponent(route.moduleId)}/changes`;
      if (route.view.kind === 'branch') return `${base}/branch`;
      if (route.view.kind === 'remote') return `${base}/remote/${encodeURIComponent(route.view.runId)}`;
      return route.view.runId ? `${base}/run/${encodeURIComponent(route.view.runId)}` : base;
    }
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
