// The prompt of an implementation run: the system prompt (tools, working-copy rules, how to work) and the first
// message (the user's instruction, the module's documents with its TO-BE design first, its files most relevant
// first within the context budget, the list of every matched path, and the repository's conventions).

import { FleetError } from '../../../../shared/errors';
import type { ContextPreview } from '../../../../shared/types-agents';
import type { Workspace } from '../../workspace/workspace';
import { ScopeCache } from '../../board/scope';
import { buildContext } from '../../agents/context/context-builder';
import { ModuleFiles, type ModuleSnapshot } from '../../agents/context/module-files';
import { packageManifests } from '../../agents/context/package-manifests';
import { estimateTokens } from '../../agents/context/token-estimate';
import { readConventions } from './conventions';
import { DEFAULT_IMPLEMENT_PROMPT, renderImplementPrompt } from './default-implement-prompt';
import { designDocuments } from './design-documents';

export interface ImplementPromptInput {
  workspace: Workspace;
  moduleId: string;
  /** The module branch commit the working copy is written from: documents and files are read there. */
  commit: string;
  instruction?: string | null;
  /** Tokens the first message may take (the documents, files, list and conventions). */
  contextBudgetTokens: number;
  /** The workspace's file reader and scope cache, reused across runs when the caller has them. */
  files?: ModuleFiles;
  scope?: ScopeCache;
}

export interface ImplementPrompt {
  system: string;
  firstMessage: string;
  /** Estimated tokens of the system prompt and the first message together. */
  contextTokens: number;
  included: {
    documents: ContextPreview['documents'];
    patterns: string[];
    /** Every file the patterns match at the commit (the model may read any of them). */
    matchedFiles: string[];
    filesSent: string[];
    filesTruncated: string[];
    filesNotSent: string[];
    conventions: string[];
    instruction: boolean;
    checkCommand: string | null;
  };
}

const MAX_LISTED = 400;
/** The first message's last line (the built-in loop's tools); an agent CLI's prompt says the same in its own words. */
export const FIRST_MESSAGE_CLOSING = 'Start by reading what you need, then make the change with the tools, run the check, and call finish with a summary.';

function fileList(paths: string[], patterns: string[]): string {
  const shown = paths.slice(0, MAX_LISTED).map((p) => `- ${p}`);
  const more = paths.length > MAX_LISTED ? `\n- … and ${paths.length - MAX_LISTED} more (use list_files)` : '';
  const head = `## Every file the module's patterns match (${paths.length}; patterns ${patterns.join(', ') || 'none'})`;
  return paths.length ? `${head}\n${shown.join('\n')}${more}\n` : `${head}\nNone yet: the design may ask for new files.\n`;
}

/** Builds the system prompt and first message of a run on `moduleId` at `commit`; DESIGN_MISSING without a TO-BE. */
export async function buildImplementPrompt(input: ImplementPromptInput): Promise<ImplementPrompt> {
  const { workspace, commit } = input;
  const { repo, manifest } = workspace;
  const module = manifest.modules.find((m) => m.id === input.moduleId);
  if (!module) throw new FleetError('MODULE_NOT_FOUND', `There is no module "${input.moduleId}" in this workspace.`, { moduleId: input.moduleId });
  const { tree } = await repo.readCommit(commit);
  const documents = await designDocuments(workspace, module, tree);
  const scope = input.scope ?? new ScopeCache(repo);
  const { key, files: allFiles } = await scope.codeFiles(tree, manifest.docsFolder);
  const match = scope.match(key, allFiles, module.patterns);
  const matched = [...match.files].sort();
  const checkCommand = module.check?.command ?? manifest.checks?.command ?? null;
  const system = renderImplementPrompt(DEFAULT_IMPLEMENT_PROMPT, module, checkCommand);

  const instruction = input.instruction?.trim() ?? '';
  const lead = [
    `Implement the TO-BE design of ${module.title} (${module.id}) in this working copy of ${manifest.branchPrefix}${module.id} at commit ${commit.slice(0, 10)}.`,
    instruction ? `\n## Instruction from the user\n${instruction}\n` : '',
  ].join('\n');
  const list = fileList(matched, module.patterns);
  const budget = input.contextBudgetTokens;
  const conventions = await readConventions(repo, tree, allFiles, matched, Math.min(3000, Math.floor(budget * 0.15)));
  const rest = Math.max(256, budget - estimateTokens(lead) - estimateTokens(list) - estimateTokens(conventions.text));
  const snapshot: ModuleSnapshot = { module, branch: `${manifest.branchPrefix}${module.id}`, branchTip: commit, commit, tree, files: matched, perPattern: match.perPattern, allFiles, allFilesKey: key };
  const manifests = await packageManifests(repo, tree, allFiles, key);
  const context = await buildContext({ files: input.files ?? new ModuleFiles(workspace), snapshot, kind: 'to-be', documents, manifests, budgetTokens: rest });
  const firstMessage = [lead, context.text, list, conventions.text, FIRST_MESSAGE_CLOSING].join('\n');
  return {
    system,
    firstMessage,
    contextTokens: estimateTokens(system) + estimateTokens(firstMessage),
    included: {
      documents: context.preview.documents,
      patterns: module.patterns,
      matchedFiles: matched,
      filesSent: context.filesSent,
      filesTruncated: context.filesTruncated,
      filesNotSent: context.preview.omitted,
      conventions: conventions.files,
      instruction: instruction !== '',
      checkCommand,
    },
  };
}
