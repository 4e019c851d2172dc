// The implementation runs' part of the core: one WorkspaceImplement per open repository, the automatic resume of
// batches a quit interrupted, and the stop of every run when the app stops.

import type { EventName, EventPayload } from '../../../../shared/contract';
import type { EngineInfo } from '../../../../shared/types-engines';
import type { ImplementBatchProgress, ImplementSettings } from '../../../../shared/types-implement';
import type { AgentService } from '../../agents/agent-service';
import type { BoardLoader } from '../../board/board';
import type { LaunchSetup } from '../../launcher/handlers';
import { workspaceDataDir } from '../../paths';
import type { CommandTrust } from '../../trust/command-trust';
import type { Workspace } from '../../workspace/workspace';
import type { EngineCatalog } from '../engines/engine-catalog';
import type { ImplementParts } from './parts';
import { WorkspaceImplement } from './workspace-implement';
import { toErrorPayload } from '../../../../shared/errors';

/** Knobs for tests: how often progress is sent, the SIGTERM grace of commands. */
export interface ImplementTuning {
  progressIntervalMs?: number;
  killGraceMs?: number;
  /** How long an agent CLI may stay silent after a line that reads as a question before it is ended (default 5 s). */
  engineQuestionMs?: number;
}

export interface ImplementContext extends ImplementTuning {
  appDataDir: string;
  agents: AgentService;
  trust: Pick<CommandTrust, 'requireTrusted'>;
  launchSetup(workspacePath: string): Promise<LaunchSetup>;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  log(message: string, error?: unknown): void;
  parts: ImplementParts;
  /** The agent CLIs on this machine (detected once, kept until a refresh). */
  engines: EngineCatalog;
  /** The app's environment (handed-over keys included): an engine takes only its own variables from it, and HOME. */
  hostEnv(): NodeJS.ProcessEnv;
  /** The open workspace and its board; throws NO_WORKSPACE when none is open. */
  current(): { workspace: Workspace; board: BoardLoader };
}

export class ImplementService {
  private readonly workspaces = new Map<string, WorkspaceImplement>();

  constructor(readonly context: ImplementContext) {}

  /** The runs of the open workspace (records loaded, leftovers of a previous process taken over). */
  async forCurrent(): Promise<WorkspaceImplement> {
    const { workspace, board } = this.context.current();
    await workspace.refreshManifest();
    let found = this.workspaces.get(workspace.path);
    if (!found) {
      found = new WorkspaceImplement(this.context, workspace, board, workspaceDataDir(this.context.appDataDir, workspace.path));
      this.workspaces.set(workspace.path, found);
    }
    found.attach(workspace, board);
    await found.ready();
    return found;
  }

  /** The open workspace's runs if they were loaded already (the board asks without loading them). */
  loaded(workspacePath: string): WorkspaceImplement | null {
    return this.workspaces.get(workspacePath) ?? null;
  }

  /**
   * Resumes the open workspace's interrupted batches (what they had not started) unless the workspace's agent
   * settings turn automatic resume off, as document batches do; a batch that cannot resume says why.
   */
  async resumeInterrupted(): Promise<void> {
    const ws = await this.forCurrent();
    if (!(await (await ws.agents()).settings.get()).autoResume) return;
    for (const batch of ws.store.allBatches()) {
      if (batch.state !== 'interrupted' || ws.queue.isActive(batch.batchId)) continue;
      if (!ws.store.runsOf(batch).some((r) => r.state === 'queued')) continue;
      try {
        await ws.resume(batch.batchId);
      } catch (error) {
        const payload = toErrorPayload(error);
        const message = `Not resumed automatically: ${payload.message}`;
        if (payload.code !== 'AGENTS_BUSY') await ws.store.saveBatch({ ...batch, message });
        const progress: ImplementBatchProgress = { ...ws.queue.progress(batch), message };
        this.context.emit('implementBatchProgress', progress);
      }
    }
  }

  /** Every engine, the built-in loop first; key mappings and the custom template from the open workspace's settings (none open: none). */
  async listEngines(refresh = false): Promise<EngineInfo[]> {
    let settings: ImplementSettings | null = null;
    try {
      settings = await (await this.forCurrent()).getSettings();
    } catch (error) {
      if (toErrorPayload(error).code !== 'NO_WORKSPACE') throw error;
    }
    return this.context.engines.list(settings, refresh);
  }

  /** Whether a run of the module is working ('running') or waiting for review ('review'): the board's view; null: neither. */
  statusOf(workspacePath: string, moduleId: string): 'running' | 'review' | null {
    return this.workspaces.get(workspacePath)?.moduleStatuses().get(moduleId) ?? null;
  }

  /** Dollars the implementation runs of a workspace spent (0 until its records are loaded, which opening it does). */
  spentUsd(workspacePath: string): number {
    return this.workspaces.get(workspacePath)?.store.spentUsd() ?? 0;
  }

  /** Stops every run for a quit (batches resume at the next start) and writes what is pending. */
  async dispose(): Promise<void> {
    await Promise.allSettled([...this.workspaces.values()].map((w) => w.shutdown()));
    this.workspaces.clear();
  }
}
