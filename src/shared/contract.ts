// The one contract between main and every client: method -> input schema and output type, event -> payload.
// Electron IPC, the preload, the WebSocket host and the renderer's api are all built from this table.

import { z } from 'zod';
import { DOC_KINDS, WORKSPACE_DOC_FILE_NAMES } from './documents';
import { SlugSchema, BranchNameSchema, FolderSchema } from './manifest';
import type {
  AppInfo,
  CommitResult,
  DocumentVersion,
  DraftInfo,
  DraftSummary,
  HistoryEntry,
  BoardChanged,
  BoardState,
  DocumentContent,
  JobFinished,
  JobProgress,
  JobStarted,
  ModuleDetail,
  RecentWorkspace,
  WorkspaceDocumentContent,
  WorkspaceDraft,
  WorkspaceSummary,
} from './types';
import { EVENT_NAMES, METHOD_NAMES } from './names';

import { Empty, Oid, out } from './contract-kit';
import { agentEvents, agentMethods } from './contract-agents';
import { remoteEvents, remoteMethods } from './contract-remotes';
import { scopeEvents, scopeMethods } from './contract-scope';
import { checksEvents, checksMethods } from './contract-checks';
import { mergeEvents, mergeMethods } from './contract-merge';
import { reportsEvents, reportsMethods } from './contract-reports';
import { pullsEvents, pullsMethods } from './contract-pulls';
import { trustEvents, trustMethods } from './contract-trust';
import { launcherMethods } from './contract-launcher';
import { implementEvents, implementMethods } from './contract-implement';
import { deployEvents, deployMethods } from './contract-deploy';
import { ciRepairEvents, ciRepairMethods } from './contract-ci-repair';
import { ciEvents, ciMethods } from './contract-ci';
import { remoteBatchEvents, remoteBatchMethods } from './contract-remote';
import { runnerMethods } from './contract-runner';

const PathInput = z.object({ path: z.string().min(1, 'must not be empty').max(4096) }).strict();
const ModuleInput = z.object({ moduleId: SlugSchema }).strict();
const DocInput = z.object({ moduleId: SlugSchema, kind: z.enum(DOC_KINDS) }).strict();
/** Documents up to 16 MB of text (a 5 MB document is an everyday case). */
const DocText = z.string().max(16 * 1024 * 1024, 'is larger than 16 MB');
const CompareTargetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('base') }).strict(),
  z.object({ type: z.literal('commit'), commit: Oid }).strict(),
  z.object({ type: z.literal('module'), moduleId: SlugSchema }).strict(),
]);

export const contract = {
  methods: {
    getAppInfo: { input: Empty, output: out<AppInfo>() },
    listRecentWorkspaces: { input: Empty, output: out<RecentWorkspace[]>() },
    getCurrentWorkspace: { input: Empty, output: out<WorkspaceSummary | null>() },
    openWorkspace: { input: PathInput, output: out<WorkspaceSummary>() },
    openDemoWorkspace: { input: Empty, output: out<WorkspaceSummary>() },
    pickWorkspaceFolder: { input: Empty, output: out<{ path: string | null }>() },
    initWorkspace: {
      /** `docsFolder` applies to a workspace without a manifest yet; PATH_OCCUPIED when the base has that path as a file. */
      input: z.object({ baseBranch: BranchNameSchema.optional(), docsFolder: FolderSchema.optional() }).strict(),
      output: out<JobStarted>(),
    },
    cancelJob: { input: z.object({ jobId: z.string().min(1).max(100) }).strict(), output: out<{ cancelled: boolean }>() },
    getBoard: { input: Empty, output: out<BoardState>() },
    getModule: { input: ModuleInput, output: out<ModuleDetail>() },
    readDocument: { input: DocInput, output: out<DocumentContent>() },
    getDraft: { input: DocInput, output: out<DraftInfo | null>() },
    saveDraft: {
      input: z
        .object({ moduleId: SlugSchema, kind: z.enum(DOC_KINDS), content: DocText, baseBlobId: Oid.nullable(), baseTip: Oid.nullable() })
        .strict(),
      output: out<{ savedAt: string }>(),
    },
    discardDraft: { input: DocInput, output: out<{ discarded: boolean }>() },
    listDrafts: { input: Empty, output: out<DraftSummary[]>() },
    commitDocuments: {
      input: z
        .object({
          moduleId: SlugSchema,
          expectedTip: Oid,
          changes: z.array(z.object({ kind: z.enum(DOC_KINDS), content: DocText }).strict()).min(1).max(5),
          message: z.string().max(10_000),
        })
        .strict(),
      output: out<CommitResult>(),
    },
    approveDocument: {
      input: z.object({ moduleId: SlugSchema, kind: z.enum(DOC_KINDS), expectedTip: Oid, approved: z.boolean() }).strict(),
      output: out<CommitResult>(),
    },
    documentHistory: {
      input: z.object({ moduleId: SlugSchema, kind: z.enum(DOC_KINDS), limit: z.number().int().min(1).max(500).optional() }).strict(),
      output: out<HistoryEntry[]>(),
    },
    readDocumentVersion: {
      input: z.object({ moduleId: SlugSchema, kind: z.enum(DOC_KINDS), target: CompareTargetSchema }).strict(),
      output: out<DocumentVersion>(),
    },
    readWorkspaceDocument: { input: z.object({ name: z.enum(WORKSPACE_DOC_FILE_NAMES) }).strict(), output: out<WorkspaceDocumentContent>() },
    getWorkspaceDraft: { input: z.object({ name: z.enum(WORKSPACE_DOC_FILE_NAMES) }).strict(), output: out<WorkspaceDraft | null>() },
    saveWorkspaceDraft: {
      input: z.object({ name: z.enum(WORKSPACE_DOC_FILE_NAMES), content: DocText, baseBlobId: Oid.nullable(), baseTip: Oid.nullable() }).strict(),
      output: out<{ savedAt: string }>(),
    },
    discardWorkspaceDraft: { input: z.object({ name: z.enum(WORKSPACE_DOC_FILE_NAMES) }).strict(), output: out<{ discarded: boolean }>() },
    commitWorkspaceDocument: {
      input: z.object({ name: z.enum(WORKSPACE_DOC_FILE_NAMES), expectedTip: Oid, content: DocText, message: z.string().max(10_000) }).strict(),
      output: out<CommitResult>(),
    },
    ...remoteMethods,
    ...agentMethods,
    ...scopeMethods,
    ...checksMethods,
    ...mergeMethods,
    ...reportsMethods,
    ...pullsMethods,
    ...trustMethods,
    ...launcherMethods,
    ...implementMethods,
    ...deployMethods,
    ...ciRepairMethods,
    ...ciMethods,
    ...remoteBatchMethods,
    ...runnerMethods,
  },
  events: {
    boardChanged: out<BoardChanged>(),
    workspaceChanged: out<WorkspaceSummary | null>(),
    jobProgress: out<JobProgress>(),
    jobFinished: out<JobFinished>(),
    draftsChanged: out<DraftSummary[]>(),
    ...remoteEvents,
    ...agentEvents,
    ...scopeEvents,
    ...checksEvents,
    ...mergeEvents,
    ...reportsEvents,
    ...pullsEvents,
    ...trustEvents,
    ...implementEvents,
    ...deployEvents,
    ...ciRepairEvents,
    ...ciEvents,
    ...remoteBatchEvents,
  },
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract['methods'];
export type EventName = keyof Contract['events'];
export type MethodInput<M extends MethodName> = z.input<Contract['methods'][M]['input']>;
export type MethodOutput<M extends MethodName> = Contract['methods'][M]['output'];
export type EventPayload<E extends EventName> = Contract['events'][E];

/** What the renderer (and any other client) sees: one async function per method, and `on` for events. */
export type FleetApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** The implementation main provides: the same methods, receiving already-validated input. */
export type FleetHandlers = {
  [M in MethodName]: (input: z.output<Contract['methods'][M]['input']>) => Promise<MethodOutput<M>>;
};

/** Emits contract events to every connected client. */
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

// The name lists (kept zod-free for the sandboxed preload) must equal the contract's keys.
type SameKeys<A extends PropertyKey, B extends PropertyKey> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const methodNamesMatch: SameKeys<(typeof METHOD_NAMES)[number], MethodName> = true;
const eventNamesMatch: SameKeys<(typeof EVENT_NAMES)[number], EventName> = true;
void methodNamesMatch;
void eventNamesMatch;
