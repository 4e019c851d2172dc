// Method and event names of the contract without its schemas, for the preload (which must stay small).
// contract.ts checks at compile time that these lists equal its keys.

import { REMOTE_EVENT_NAMES, REMOTE_METHOD_NAMES } from './names-remotes';
import { AGENT_EVENT_NAMES, AGENT_METHOD_NAMES } from './names-agents';
import { SCOPE_EVENT_NAMES, SCOPE_METHOD_NAMES } from './names-scope';
import { CHECKS_EVENT_NAMES, CHECKS_METHOD_NAMES } from './names-checks';
import { MERGE_EVENT_NAMES, MERGE_METHOD_NAMES } from './names-merge';
import { REPORTS_EVENT_NAMES, REPORTS_METHOD_NAMES } from './names-reports';
import { PULLS_EVENT_NAMES, PULLS_METHOD_NAMES } from './names-pulls';
import { TRUST_EVENT_NAMES, TRUST_METHOD_NAMES } from './names-trust';
import { LAUNCHER_METHOD_NAMES } from './names-launcher';
import { IMPLEMENT_EVENT_NAMES, IMPLEMENT_METHOD_NAMES } from './names-implement';
import { DEPLOY_EVENT_NAMES, DEPLOY_METHOD_NAMES } from './names-deploy';
import { CI_REPAIR_EVENT_NAMES, CI_REPAIR_METHOD_NAMES } from './names-ci-repair';
import { CI_EVENT_NAMES, CI_METHOD_NAMES } from './names-ci';
import { REMOTE_BATCH_EVENT_NAMES, REMOTE_BATCH_METHOD_NAMES } from './names-remote';
import { RUNNER_METHOD_NAMES } from './names-runner';

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
  ...SCOPE_METHOD_NAMES,
  ...CHECKS_METHOD_NAMES,
  ...MERGE_METHOD_NAMES,
  ...REPORTS_METHOD_NAMES,
  ...PULLS_METHOD_NAMES,
  ...TRUST_METHOD_NAMES,
  ...LAUNCHER_METHOD_NAMES,
  ...IMPLEMENT_METHOD_NAMES,
  ...DEPLOY_METHOD_NAMES,
  ...CI_REPAIR_METHOD_NAMES,
  ...CI_METHOD_NAMES,
  ...REMOTE_BATCH_METHOD_NAMES,
  ...RUNNER_METHOD_NAMES,
] as const;

export const EVENT_NAMES = [
  'boardChanged',
  'workspaceChanged',
  'jobProgress',
  'jobFinished',
  'draftsChanged',
  ...REMOTE_EVENT_NAMES,
  ...AGENT_EVENT_NAMES,
  ...SCOPE_EVENT_NAMES,
  ...CHECKS_EVENT_NAMES,
  ...MERGE_EVENT_NAMES,
  ...REPORTS_EVENT_NAMES,
  ...PULLS_EVENT_NAMES,
  ...TRUST_EVENT_NAMES,
  ...IMPLEMENT_EVENT_NAMES,
  ...DEPLOY_EVENT_NAMES,
  ...CI_REPAIR_EVENT_NAMES,
  ...CI_EVENT_NAMES,
  ...REMOTE_BATCH_EVENT_NAMES,
] as const;

export const IPC_PREFIX = 'fleet:';

/** Result envelope used over IPC and WebSocket: Electron's invoke keeps only the message of a thrown error. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; data?: Record<string, unknown> } };
