// Plans one run before it starts: the module's files on its branch, the packed context, the rendered prompt,
// token and dollar estimates, and anything that blocks it. The estimate and the run itself use the same plan.

import { moduleDocPath, type DocKind } from '../../../shared/documents';
import { costOf, type PriceEntry } from '../../../shared/prices';
import type { ProviderConfig } from '../../../shared/providers';
import type { Workspace } from '../workspace/workspace';
import type { ModuleDocuments } from '../docs/module-docs';
import { buildContext, type BuiltContext } from './context/context-builder';
import { documentsForContext } from './context/documents';
import type { ModuleFiles, ModuleSnapshot } from './context/module-files';
import { packageManifests, type PackageManifest } from './context/package-manifests';
import { estimateTokens, reserveTokens } from './context/token-estimate';
import { promptHash, readPrompt, renderPrompt } from './prompt-store';

/** Typical answer lengths, for estimates; the provider's maxOutputTokens bounds the real ones. */
const EXPECTED_OUTPUT: Record<DocKind, number> = { 'as-is': 2500, 'to-be': 3500, 'implementation-log': 1500, 'test-plan': 2500, summary: 600 };
/** Tokens for message framing that neither the prompt nor the context accounts for. */
const FRAMING_TOKENS = 64;
const MIN_CONTEXT_TOKENS = 256;

export interface PlanEnvironment {
  workspace: Workspace;
  docs: ModuleDocuments;
  files: ModuleFiles;
}

export interface RunPlan {
  moduleId: string;
  kind: DocKind;
  provider: ProviderConfig;
  model: string;
  offline: boolean;
  snapshot: ModuleSnapshot;
  manifests: PackageManifest[];
  /** The document's blob on the module branch when planned (null when missing or no branch). */
  baseBlobId: string | null;
  system: string;
  promptHash: string;
  context: BuiltContext | null;
  inputTokens: number;
  expectedOutputTokens: number;
  maxOutputTokens: number;
  costUsd: number | null;
  worstCaseUsd: number | null;
  warnings: string[];
  /** Why the run cannot start, with its error code; null when it can. */
  blocked: { code: 'NO_FILES_MATCH' | 'UNSUPPORTED' | 'CONTEXT_TOO_LARGE'; message: string } | null;
}

/** Tokens left for the context once the prompt and the longest answer are set aside. */
export function contextBudget(provider: ProviderConfig, systemTokens: number): number {
  return Math.min(provider.contextTokens, provider.contextWindow - provider.maxOutputTokens - systemTokens - FRAMING_TOKENS);
}

async function documentBlob(env: PlanEnvironment, snapshot: ModuleSnapshot, kind: DocKind): Promise<string | null> {
  if (!snapshot.branchTip) return null;
  const { repo, manifest } = env.workspace;
  const entry = await repo.entryAtPath((await repo.readCommit(snapshot.branchTip)).tree, moduleDocPath(manifest.docsFolder, snapshot.module.id, kind));
  return entry?.type === 'blob' ? entry.oid : null;
}

/** Plans `kind` for `moduleId` with `provider`/`model`; `price` null when the table has none. */
export async function planRun(env: PlanEnvironment, moduleId: string, kind: DocKind, provider: ProviderConfig, model: string, price: PriceEntry | null): Promise<RunPlan> {
  const snapshot = await env.files.snapshot(moduleId);
  const manifests = await packageManifests(env.workspace.repo, snapshot.tree, snapshot.allFiles, snapshot.allFilesKey);
  const offline = provider.kind === 'offline';
  const template = await readPrompt(env.workspace, kind);
  const system = offline ? `offline analyzer ${model}` : renderPrompt(template.text, snapshot.module, kind);
  const warnings: string[] = [];
  const plan: RunPlan = {
    moduleId,
    kind,
    provider,
    model,
    offline,
    snapshot,
    manifests,
    baseBlobId: await documentBlob(env, snapshot, kind),
    system,
    promptHash: promptHash(system),
    context: null,
    inputTokens: 0,
    expectedOutputTokens: 0,
    maxOutputTokens: provider.maxOutputTokens,
    costUsd: offline ? 0 : null,
    worstCaseUsd: offline ? 0 : null,
    warnings,
    blocked: null,
  };
  if (!snapshot.branchTip) warnings.push(`The branch ${snapshot.branch} does not exist yet: files come from the base branch, and the draft can be committed only after init.`);
  if (await env.docs.getDraft(moduleId, kind)) warnings.push('This document has an unsaved draft: it is kept aside (in the app-data folder) and replaced by the run.');
  if (snapshot.files.length === 0) {
    const noFiles = `No files match the path patterns of ${snapshot.module.title} (${snapshot.module.patterns.join(', ') || 'none'})`;
    // The offline analyzer's report says so, which is the truth worth committing; a model would only invent.
    if (offline && kind === 'as-is') warnings.push(`${noFiles}: the analyzer will write a "no files match" report.`);
    else plan.blocked = { code: 'NO_FILES_MATCH', message: `${noFiles}: edit the patterns before running an agent on it.` };
    if (plan.blocked || offline) return plan;
  }
  if (offline) {
    if (kind !== 'as-is') plan.blocked = { code: 'UNSUPPORTED', message: 'The offline analyzer writes AS-IS analyses only; choose a model provider for this document.' };
    return plan;
  }
  const systemTokens = estimateTokens(system);
  const budgetTokens = contextBudget(provider, systemTokens);
  if (budgetTokens < MIN_CONTEXT_TOKENS) {
    plan.blocked = {
      code: 'CONTEXT_TOO_LARGE',
      message: `The prompt (about ${systemTokens} tokens) and the answer (up to ${provider.maxOutputTokens}) leave no room for the module's files in ${model}'s window of ${provider.contextWindow} tokens: lower maxOutputTokens or shorten the prompt.`,
    };
    return plan;
  }
  const documents = await documentsForContext(env.workspace, env.docs, snapshot, kind);
  const context = await buildContext({ files: env.files, snapshot, kind, documents, manifests, budgetTokens });
  plan.context = context;
  plan.inputTokens = systemTokens + context.tokens + FRAMING_TOKENS;
  plan.expectedOutputTokens = Math.min(EXPECTED_OUTPUT[kind], provider.maxOutputTokens);
  for (const doc of context.preview.documents.filter((d) => d.truncated)) warnings.push(`The module's ${doc.kind} document was truncated to fit the context budget.`);
  const left = context.preview.omitted.length + context.filesTruncated.length;
  if (left > 0) warnings.push(`${context.preview.omitted.length} files not sent and ${context.filesTruncated.length} truncated to fit ${budgetTokens} tokens of context.`);
  if (price) {
    plan.costUsd = costOf(price, plan.inputTokens, plan.expectedOutputTokens);
    plan.worstCaseUsd = costOf(price, reserveTokens(system.length + context.text.length) + FRAMING_TOKENS, provider.maxOutputTokens);
  } else {
    warnings.push(`The price table has no entry for ${provider.id}/${model}: its cost is unknown.`);
  }
  return plan;
}
