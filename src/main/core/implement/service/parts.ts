// The parts the run service assembles, as one interface: working copies and their diffs, the tools, the prompt, the
// agent loop, accept and the branch view. `realParts()` (real-parts.ts) binds them to their modules; the service only
// ever calls through here, so each part stays replaceable on its own.

import type { PriceEntry } from '../../../../shared/prices';
import type { ProviderConfig } from '../../../../shared/providers';
import type { BranchChanges, ChangedFile, FileSides, ImplementSettings } from '../../../../shared/types-implement';
import type { ConversationMessage } from '../../agents/providers/types';
import type { LaunchSetup } from '../../launcher/handlers';
import type { Workspace } from '../../workspace/workspace';
import type { LoopRequest, LoopResult, RunCheck } from '../loop/types';
import type { ToolExecutor } from '../tools/types';

/** The working copies of one workspace (`<workspace data>/working-copies/<runId>`). */
export interface WorkingCopyPort {
  readonly root: string;
  /** Writes the commit's tree into a new working copy for the run; returns its folder. */
  create(runId: string, commit: string, signal?: AbortSignal): Promise<string>;
  /** The folder of a run's working copy (whether or not it exists). */
  dir(runId: string): string;
  exists(runId: string): Promise<boolean>;
  remove(runId: string): Promise<void>;
  usage(): Promise<{ count: number; bytes: number }>;
  /** Removes every working copy but those of `keep` (run ids) and returns the ids removed. */
  sweep(keep: Set<string>): Promise<string[]>;
  /** The files changed in the run's working copy against the start tip. */
  changes(startTip: string, dir: string): Promise<ChangedFile[]>;
  sides(startTip: string, dir: string, path: string): Promise<FileSides>;
  /** The path goes back to the start tip's content (or away when the run added it). */
  revert(startTip: string, dir: string, path: string): Promise<void>;
  /** The user's text for the path, written into the working copy. */
  writeUserEdit(dir: string, path: string, content: string): Promise<void>;
}

export interface ToolsRequest {
  workspace: Workspace;
  dir: string;
  startTip: string;
  runCheck: RunCheck;
  launch: LaunchSetup;
  settings: ImplementSettings;
}

export interface PromptRequest {
  workspace: Workspace;
  moduleId: string;
  /** The tip the working copy was written from (the module's documents are read there). */
  tip: string;
  instruction: string | null;
  provider: ProviderConfig;
  model: string;
}

/** An agent CLI's prompt: the same context as the built-in loop's, with rules for a CLI that has its own tools. */
export interface EnginePromptRequest {
  workspace: Workspace;
  moduleId: string;
  tip: string;
  instruction: string | null;
}

export interface AcceptPortRequest {
  workspace: Workspace;
  moduleId: string;
  startTip: string;
  dir: string;
  files: ChangedFile[];
  message: string;
  trailers: Record<string, string>;
  signal?: AbortSignal;
}

export interface RunEstimateRequest {
  workspace: Workspace;
  moduleId: string;
  provider: ProviderConfig;
  model: string;
  maxTurns: number;
  price: PriceEntry | null;
}

export interface WorkingCopiesRequest {
  appDataDir: string;
  /** The open workspace (the same repository; the object changes when it is opened again). */
  workspace: () => Workspace;
  /** How many working copies may exist (the settings' maxWorkingCopies). */
  limit: () => number;
}

export interface ImplementParts {
  /** The context size of a module's run and a cost range (turns x tokens per turn); DESIGN_MISSING without a TO-BE. */
  estimateRun(request: RunEstimateRequest): Promise<{ contextTokens: number; lowUsd: number | null; highUsd: number | null }>;
  workingCopies(request: WorkingCopiesRequest): WorkingCopyPort;
  tools(request: ToolsRequest): ToolExecutor;
  /** The system text and first message of a run (DESIGN_MISSING when the module has no TO-BE). */
  prompt(request: PromptRequest): Promise<{ system: string; messages: ConversationMessage[] }>;
  /** The whole prompt of an agent CLI's first launch (DESIGN_MISSING when the module has no TO-BE). */
  enginePrompt(request: EnginePromptRequest): Promise<string>;
  /** Refuses a provider that cannot hold a tool-calling conversation (the offline analyzer) with a clear error. */
  assertCanImplement(provider: ProviderConfig): void;
  runLoop(request: LoopRequest): Promise<LoopResult>;
  accept(request: AcceptPortRequest): Promise<{ commit: string; tip: string; merged: boolean }>;
  branchChanges(workspace: Workspace, moduleId: string): Promise<BranchChanges>;
  readBranchFile(workspace: Workspace, moduleId: string, path: string, tip?: string): Promise<FileSides>;
}
