// The URL hash is the renderer's route, so a reload keeps your place: #/ (board), #/module/<id>[/<doc>],
// #/workspaces (the start screen while a workspace is open).

import { DOC_KINDS, type DocKind } from '../../../shared/documents';

export type Route =
  | { page: 'board' }
  | { page: 'workspaces' }
  | { page: 'module'; moduleId: string; doc: DocKind | null };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(safeDecode);
  if (parts[0] === 'workspaces' && parts.length === 1) return { page: 'workspaces' };
  if (parts[0] === 'module' && parts[1] && SLUG.test(parts[1]) && parts.length <= 3) {
    const doc = parts[2] && (DOC_KINDS as readonly string[]).includes(parts[2]) ? (parts[2] as DocKind) : null;
    return { page: 'module', moduleId: parts[1], doc };
  }
  return { page: 'board' };
}

export function formatHash(route: Route): string {
  switch (route.page) {
    case 'board':
      return '#/';
    case 'workspaces':
      return '#/workspaces';
    case 'module':
      return `#/module/${encodeURIComponent(route.moduleId)}${route.doc ? `/${route.doc}` : ''}`;
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
