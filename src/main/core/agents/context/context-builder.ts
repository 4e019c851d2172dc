// Packs what a run sends: the module's documents, the packages the repository declares, and the contents of the
// files its patterns match, most relevant first, within a token budget. Everything cut is marked in the text.

import { DOC_FILE_NAMES, type DocKind } from '../../../../shared/documents';
import type { ContextFile, ContextPreview } from '../../../../shared/types-agents';
import type { ContextDocument } from './documents';
import type { ModuleFiles, ModuleSnapshot } from './module-files';
import type { PackageManifest } from './package-manifests';
import { isBinaryPath, isGeneratedPath, rankByRelevance } from './relevance';
import { estimateTokens } from './token-estimate';

export interface ContextInput {
  files: ModuleFiles;
  snapshot: ModuleSnapshot;
  kind: DocKind;
  documents: ContextDocument[];
  manifests: PackageManifest[];
  /** Tokens the whole context may take. */
  budgetTokens: number;
}

export interface BuiltContext {
  text: string;
  tokens: number;
  preview: ContextPreview;
  filesSent: string[];
  filesTruncated: string[];
}

/** Below this many tokens left, a file is not worth starting. */
const MIN_FILE_TOKENS = 300;
/** Documents (the AS-IS a TO-BE builds on) come first and may take this share; files get the rest. */
const DOCUMENT_SHARE = 0.75;
const HEADER_RESERVE = 250;

function fenceFor(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

function language(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The first lines of `text` that fit in `maxChars`, and how many lines were kept of how many. */
function cutToLines(text: string, maxChars: number): { kept: string; keptLines: number; totalLines: number } {
  const lines = text.split('\n');
  let used = 0;
  let keptLines = 0;
  while (keptLines < lines.length && used + lines[keptLines]!.length + 1 <= maxChars) used += lines[keptLines++]!.length + 1;
  return { kept: lines.slice(0, keptLines).join('\n'), keptLines, totalLines: lines.length };
}

function packagesSection(manifests: PackageManifest[]): string {
  if (manifests.length === 0) return 'No package.json in the repository.';
  const lines = manifests.map((m) => {
    const names = [...m.declares.keys()].sort();
    return `- ${m.path}: ${names.length ? names.join(', ') : '(no dependencies)'}`;
  });
  const text = lines.join('\n');
  return text.length > 6000 ? `${text.slice(0, 6000)}\n- [list truncated]` : text;
}

function nameList(paths: string[], max = 100): string {
  return paths.length <= max ? paths.join(', ') : `${paths.slice(0, max).join(', ')} and ${paths.length - max} more`;
}

/** Builds the context of one run within `budgetTokens`. */
export async function buildContext(input: ContextInput): Promise<BuiltContext> {
  const started = performance.now();
  const { snapshot, budgetTokens } = input;
  let remaining = budgetTokens - HEADER_RESERVE;

  const packages = `## Packages the repository declares (package.json files)\n${packagesSection(input.manifests)}\n`;
  remaining -= estimateTokens(packages);

  const documentParts: string[] = [];
  const documents: ContextPreview['documents'] = [];
  let documentBudget = Math.floor(budgetTokens * DOCUMENT_SHARE);
  for (const doc of input.documents) {
    const title = `### ${DOC_FILE_NAMES[doc.kind]} (${doc.source === 'draft' ? 'unsaved draft' : 'committed'})`;
    const allowed = Math.min(documentBudget, remaining);
    let body = doc.text;
    let truncated = false;
    if (estimateTokens(body) > allowed) {
      const cut = cutToLines(body, Math.max(0, allowed * 4));
      body = `${cut.kept}\n[truncated: ${cut.totalLines - cut.keptLines} of ${cut.totalLines} lines not sent]`;
      truncated = true;
    }
    const part = `${title}\n${body}\n`;
    const tokens = estimateTokens(part);
    documentParts.push(part);
    documents.push({ kind: doc.kind, source: doc.source, tokens, truncated });
    documentBudget -= tokens;
    remaining -= tokens;
  }

  const ranked = rankByRelevance(snapshot.files.filter((f) => !isGeneratedPath(f)));
  const generated = snapshot.files.filter(isGeneratedPath);
  const perFileCap = Math.max(1500, Math.floor(remaining / 4));
  const fileParts: string[] = [];
  const sent: ContextFile[] = [];
  const binary: string[] = [];
  const omitted: string[] = [];
  for (let i = 0; i < ranked.length; i++) {
    const path = ranked[i]!;
    if (isBinaryPath(path)) {
      binary.push(path);
      continue;
    }
    if (remaining < MIN_FILE_TOKENS) {
      omitted.push(...ranked.slice(i).filter((p) => !isBinaryPath(p)));
      binary.push(...ranked.slice(i).filter(isBinaryPath));
      break;
    }
    const file = await input.files.readFile(snapshot.tree, path);
    if (file.text === null) {
      binary.push(path);
      continue;
    }
    const allowed = Math.min(remaining, perFileCap);
    let body = file.text;
    let note = `${body.split('\n').length} lines`;
    let marker = '';
    if (estimateTokens(body) + 30 > allowed) {
      if (allowed < MIN_FILE_TOKENS) {
        omitted.push(path);
        continue;
      }
      const cut = cutToLines(body, (allowed - 40) * 4);
      body = cut.kept;
      note = `lines 1-${cut.keptLines} of ${cut.totalLines}`;
      marker = `[truncated: lines ${cut.keptLines + 1}-${cut.totalLines} of ${path} not sent]\n`;
    }
    const truncated = marker !== '';
    const fence = fenceFor(body);
    const part = `### ${path} (${note})\n${fence}${language(path)}\n${body}\n${fence}\n${marker}`;
    const tokens = estimateTokens(part);
    fileParts.push(part);
    sent.push({ path, bytes: file.bytes, tokens, truncated });
    remaining -= tokens;
  }
  omitted.push(...generated);

  const truncatedFiles = sent.filter((f) => f.truncated).map((f) => f.path);
  const header = [
    `# Module: ${snapshot.module.title} (${snapshot.module.id})`,
    `Files read from ${snapshot.branchTip ? `branch ${snapshot.branch}` : 'the base branch (the module branch does not exist yet)'} at commit ${snapshot.commit.slice(0, 10)}.`,
    `${snapshot.files.length} files match the module's path patterns (${snapshot.module.patterns.join(', ') || 'none'}): ${sent.length - truncatedFiles.length} sent in full, ${truncatedFiles.length} truncated, ${omitted.length} not sent (token budget), ${binary.length} binary not sent.`,
    '',
  ].join('\n');
  const notSent = [
    omitted.length ? `Not sent (token budget or generated files): ${nameList(omitted)}.` : '',
    binary.length ? `Binary, not sent: ${nameList(binary)}.` : '',
  ].filter(Boolean);
  const text = [
    header,
    documentParts.length ? `## Documents of this module\n${documentParts.join('\n')}` : '## Documents of this module\nNone written yet.\n',
    packages,
    `## Files\n${fileParts.join('\n')}`,
    ...notSent,
  ].join('\n');
  const tokens = estimateTokens(text);
  return {
    text,
    tokens,
    filesSent: sent.map((f) => f.path),
    filesTruncated: truncatedFiles,
    preview: {
      moduleId: snapshot.module.id,
      kind: input.kind,
      commit: snapshot.commit,
      matchedFiles: snapshot.files.length,
      files: sent,
      omitted,
      binary,
      documents,
      tokens,
      budgetTokens,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    },
  };
}
