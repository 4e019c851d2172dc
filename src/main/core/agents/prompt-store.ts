// Prompt templates per document kind: .fleet/prompts/<kind>.md on the workspace branch, else the defaults.

import { createHash } from 'node:crypto';
import { DOC_FILE_NAMES, type DocKind } from '../../../shared/documents';
import type { ModuleDef } from '../../../shared/manifest';
import type { PromptTemplate } from '../../../shared/types-agents';
import type { Workspace } from '../workspace/workspace';
import { defaultPrompt } from './default-prompts';
import { commitWorkspaceFile, readWorkspaceFile } from './workspace-files';

const DOC_TITLES: Record<DocKind, string> = {
  'as-is': 'As-Is Analysis',
  'to-be': 'To-Be Design',
  'implementation-log': 'Implementation Log',
  'test-plan': 'Test Plan',
  summary: 'Enhancement Summary',
};

/** Where the template of `kind` is committed on the workspace branch. */
export function promptPath(kind: DocKind): string {
  return `.fleet/prompts/${kind}.md`;
}

/** The template in effect for `kind`. */
export async function readPrompt(workspace: Workspace, kind: DocKind): Promise<PromptTemplate> {
  const path = promptPath(kind);
  const file = await readWorkspaceFile(workspace, path);
  if (file.text === null || file.text.trim() === '') return { kind, text: defaultPrompt(kind), source: 'default', path, branchTip: file.branchTip };
  return { kind, text: file.text, source: 'committed', path, branchTip: file.branchTip };
}

/** Commits a template (compare-and-swap on the workspace branch). */
export async function savePrompt(workspace: Workspace, kind: DocKind, text: string, expectedTip: string): Promise<PromptTemplate> {
  const path = promptPath(kind);
  const content = text.endsWith('\n') ? text : `${text}\n`;
  const result = await commitWorkspaceFile(workspace, path, content, expectedTip, `Agents: update the ${kind} prompt`);
  return { kind, text: content, source: 'committed', path, branchTip: result.commit };
}

/** The template with its placeholders filled in for one module. */
export function renderPrompt(template: string, module: Pick<ModuleDef, 'id' | 'title'>, kind: DocKind): string {
  const values: Record<string, string> = {
    'module.id': module.id,
    'module.title': module.title,
    'document.file': DOC_FILE_NAMES[kind],
    'document.title': DOC_TITLES[kind],
  };
  return template.replace(/\{\{\s*([a-z.]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/** sha256 of the rendered prompt: the Fleet-Prompt-Hash trailer. */
export function promptHash(rendered: string): string {
  return createHash('sha256').update(rendered).digest('hex');
}
