// Method and event names of the contract without its schemas, for the preload (which must stay small).
// contract.ts checks at compile time that these lists equal its keys.

import { REMOTE_EVENT_NAMES, REMOTE_METHOD_NAMES } from './names-remotes';
import { AGENT_EVENT_NAMES, AGENT_METHOD_NAMES } from './names-agents';

export const METHOD_NAMES = [
  'getAppInfo',
  'listRecentWorkspaces',
  'getCurrentWorkspace',
  'openWorkspace',
  'openDemoWorkspace',
  'pickWorkspaceFolder',
  'initWorkspace',
  'cancelJob',
  'getBoard',
  'getModule',
  'readDocument',
  'getDraft',
  'saveDraft',
  'discardDraft',
  'listDrafts',
  'commitDocuments',
  'approveDocument',
  'documentHistory',
  'readDocumentVersion',
  'readWorkspaceDocument',
  'getWorkspaceDraft',
  'saveWorkspaceDraft',
  'discardWorkspaceDraft',
  'commitWorkspaceDocument',
  ...REMOTE_METHOD_NAMES,
  ...AGENT_METHOD_NAMES,
] as const;

export const EVENT_NAMES = ['boardChanged', 'workspaceChanged', 'jobProgress', 'jobFinished', 'draftsChanged', ...REMOTE_EVENT_NAMES, ...AGENT_EVENT_NAMES] as const;

export const IPC_PREFIX = 'fleet:';

/** Result envelope used over IPC and WebSocket: Electron's invoke keeps only the message of a thrown error. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; data?: Record<string, unknown> } };
