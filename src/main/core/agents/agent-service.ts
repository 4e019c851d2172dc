// The agents' part of the core: provider settings and keys (app-wide), providers halted by auth or quota
// answers, connection tests, and one WorkspaceAgents (runs, batches, budgets) per open workspace.

import type { EventName, EventPayload } from '../../../shared/contract';
import type { FleetErrorPayload } from '../../../shared/errors';
import { toErrorPayload } from '../../../shared/errors';
import type { ProviderConfig } from '../../../shared/providers';
import type { ConnectionTest, ProviderInfo } from '../../../shared/types-agents';
import type { Workspace } from '../workspace/workspace';
import type { ModuleDocuments } from '../docs/module-docs';
import type { SecretStore } from '../remotes/secret-store';
import { workspaceDataDir } from '../paths';
import { ProviderSettings } from './provider-settings';
import { createProviderClient } from './providers/client-factory';
import type { ProviderClient, RetryPolicy } from './providers/types';
import { WorkspaceAgents } from './workspace-agents';
import { resumeInterruptedBatches } from './auto-resume';
import { keyEnvironment } from '../launcher/held-secrets';

/** Knobs tests and the bench turn; the defaults suit real providers. */
export interface AgentTuning {
  retry?: RetryPolicy;
  fetch?: typeof fetch;
  /** How often a streaming run saves its draft (default 1000 ms). */
  draftIntervalMs?: number;
  /** How often streamed text is sent as runProgress (default 100 ms). */
  progressIntervalMs?: number;
  /** Environment for keys (XAI_API_KEY, ...); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Commits the offline analyzer walks for its most-changed files (default 1000). */
  maxHistoryCommits?: number;
}

export interface AgentContext extends AgentTuning {
  appDataDir: string;
  secrets: SecretStore;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** The open workspace and its documents; throws NO_WORKSPACE when none is open. */
  current(): { workspace: Workspace; docs: ModuleDocuments };
  log(message: string, error?: unknown): void;
  /** Dollars spent in a workspace outside document runs (implementation runs): the workspace cap covers both. */
  otherSpentUsd?(workspacePath: string): number;
}

export class AgentService {
  readonly providers: ProviderSettings;
  private readonly halts = new Map<string, { at: number; error: FleetErrorPayload }>();
  private readonly workspaces = new Map<string, WorkspaceAgents>();

  constructor(readonly context: AgentContext) {
    this.providers = new ProviderSettings(context.appDataDir, context.secrets, context.env ?? keyEnvironment(), (m) => context.log(m));
  }

  /** The agents of the open workspace (created on first use; records loaded, interrupted batches marked). */
  async forCurrent(): Promise<WorkspaceAgents> {
    const { workspace, docs } = this.context.current();
    await workspace.refreshManifest();
    let agents = this.workspaces.get(workspace.path);
    if (!agents) {
      agents = new WorkspaceAgents(this, workspace, docs, `${workspaceDataDir(this.context.appDataDir, workspace.path)}/agents`);
      this.workspaces.set(workspace.path, agents);
    }
    agents.attach(workspace, docs);
    await agents.ready();
    return agents;
  }

  /** Resumes the open workspace's interrupted batches by themselves (when its settings allow), with a notice for each. */
  async resumeInterrupted(): Promise<void> {
    const agents = await this.forCurrent();
    await resumeInterruptedBatches(agents, (notice) => this.context.emit('batchResumeNotice', notice));
  }

  /** Every provider with where its key comes from (never the key) and whether it is halted. */
  async listProviders(): Promise<ProviderInfo[]> {
    const list = await this.providers.list();
    return Promise.all(list.map((p) => this.info(p)));
  }

  async info(config: ProviderConfig): Promise<ProviderInfo> {
    const { source } = await this.providers.resolveKey(config);
    return { ...config, keySource: source, builtIn: this.providers.isBuiltIn(config.id), halted: this.halts.get(config.id)?.error ?? null };
  }

  /** The HTTP client for a provider, with its key; KEY_MISSING when it needs one and has none. */
  async client(config: ProviderConfig, baseUrl?: string, retry?: RetryPolicy): Promise<ProviderClient> {
    const { key } = await this.providers.resolveKey(config);
    return createProviderClient(config, key, { baseUrl, retry: retry ?? this.context.retry, fetch: this.context.fetch });
  }

  halted(providerId: string): { at: number; error: FleetErrorPayload } | null {
    return this.halts.get(providerId) ?? null;
  }

  halt(providerId: string, error: FleetErrorPayload): void {
    this.halts.set(providerId, { at: Date.now(), error });
  }

  /** A new key, new settings or a good test lets the provider run again. */
  unhalt(providerId: string): void {
    this.halts.delete(providerId);
  }

  /** One cheap real call (a few output tokens): auth, quota and latency. */
  async testProvider(id: string, model?: string): Promise<ConnectionTest> {
    const config = await this.providers.get(id);
    const chosen = model ?? config.defaultModel;
    const base = { providerId: id, model: chosen, tokensIn: 0, tokensOut: 0 };
    if (config.kind === 'offline') return { ...base, ok: true, auth: 'not-needed', quota: 'ok', latencyMs: 0, message: 'The offline analyzer needs no key and no network.' };
    const started = performance.now();
    try {
      const client = await this.client(config, undefined, { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 });
      const result = await client.complete(
        { model: chosen, system: 'This is a connection test. Reply with the single word OK.', prompt: 'OK?', maxOutputTokens: 16 },
        { onText: () => undefined, signal: AbortSignal.timeout(Math.min(config.stallSeconds * 1000, 30_000) * 2) },
      );
      const latencyMs = Math.round(performance.now() - started);
      this.unhalt(id);
      return {
        ...base,
        ok: true,
        auth: config.needsKey ? 'ok' : 'not-needed',
        quota: 'ok',
        latencyMs,
        tokensIn: result.tokensIn ?? 0,
        tokensOut: result.tokensOut ?? 0,
        message: `${config.title} answered with ${chosen} in ${latencyMs} ms.`,
      };
    } catch (error) {
      const payload = toErrorPayload(error);
      const latencyMs = Math.round(performance.now() - started);
      const auth = payload.code === 'AUTH_FAILED' || payload.code === 'KEY_MISSING' ? 'failed' : payload.code === 'QUOTA_EXHAUSTED' ? 'ok' : 'unknown';
      return { ...base, ok: false, auth, quota: payload.code === 'QUOTA_EXHAUSTED' ? 'exhausted' : 'unknown', latencyMs, message: payload.message, error: payload };
    }
  }

  /** Stops every batch for a quit (they resume after the next start) and writes what is pending. */
  async dispose(): Promise<void> {
    await Promise.allSettled([...this.workspaces.values()].map((w) => w.shutdown()));
    this.workspaces.clear();
  }
}
