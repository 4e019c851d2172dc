// The built-in offline analyzer: a factual AS_IS_ANALYSIS.md from the module's real files on its branch, with no
// key and no network. Every statement names the file (and line) it comes from.

import type { GitRepository } from '../git/repository';
import type { ModuleFiles, ModuleSnapshot } from './context/module-files';
import { manifestsDeclaring, type PackageManifest } from './context/package-manifests';
import { collectModuleFacts, type ModuleFacts } from './analyzer/module-facts';

export interface AnalyzeInput {
  repo: GitRepository;
  files: ModuleFiles;
  snapshot: ModuleSnapshot;
  manifests: PackageManifest[];
  signal?: AbortSignal;
  maxHistoryCommits?: number;
}

const MAX_ROWS = 200;

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

function table(header: string[], rows: string[][], total = rows.length): string[] {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows.slice(0, MAX_ROWS)) lines.push(`| ${row.map(cell).join(' | ')} |`);
  if (total > MAX_ROWS) lines.push('', `_${total - MAX_ROWS} more rows not shown._`);
  return lines;
}

function few(paths: string[], max = 3): string {
  const shown = paths.slice(0, max).map(code).join(', ');
  return paths.length > max ? `${shown} and ${paths.length - max} more` : shown;
}

/** The report for a module whose patterns match nothing: says so, and what to do. */
export function noFilesReport(snapshot: ModuleSnapshot): string {
  const patterns = snapshot.module.patterns.length ? snapshot.module.patterns.map(code).join(', ') : 'none';
  return [
    `# ${snapshot.module.title}: As-Is Analysis`,
    '',
    `**No files match this module's path patterns** on ${snapshot.branchTip ? `branch ${code(snapshot.branch)}` : 'the base branch'} at ${code(snapshot.commit.slice(0, 10))}.`,
    '',
    `Patterns: ${patterns}. Edit them in the module's settings so they match the module's pages, routes and services; nothing can be analysed until they do.`,
    '',
  ].join('\n');
}

function packageRows(facts: ModuleFacts, manifests: PackageManifest[]): { rows: string[][]; undeclared: string[] } {
  const undeclared: string[] = [];
  const rows = [...facts.packages.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .map(([name, importers]) => {
      const declaring = manifestsDeclaring(manifests, name, importers[0]);
      const first = declaring[0];
      const declared = first ? `${code(first.path)} (${first.declares.get(name)!.field} ${first.declares.get(name)!.range})${declaring.length > 1 ? ` and ${declaring.length - 1} more` : ''}` : '**not declared in any package.json**';
      if (!first) undeclared.push(name);
      return [code(name), `${importers.length}: ${few(importers)}`, declared];
    });
  return { rows, undeclared };
}

/** Writes the analysis of one module; a module without files gets the "no files match" report. */
export async function analyzeModule(input: AnalyzeInput): Promise<string> {
  const { snapshot } = input;
  if (snapshot.files.length === 0) return noFilesReport(snapshot);
  const facts = await collectModuleFacts(input.repo, input.files, snapshot, { signal: input.signal, maxHistoryCommits: input.maxHistoryCommits });
  const where = snapshot.branchTip ? `branch ${code(snapshot.branch)}` : `the base branch (${code(snapshot.branch)} does not exist yet)`;
  const totalBytes = facts.files.reduce((sum, f) => sum + f.bytes, 0);
  const out: string[] = [
    `# ${snapshot.module.title}: As-Is Analysis`,
    '',
    `_Written by the Fleet Control offline analyzer from ${where} at commit ${code(snapshot.commit.slice(0, 10))}. Each statement names the file it comes from; nothing is inferred beyond what the files show._`,
    '',
    '## Scope',
    '',
    `${facts.files.length} files match the module's path patterns, ${size(totalBytes)} in total.`,
    '',
    ...table(['Pattern', 'Files matched'], snapshot.perPattern.map((p) => [code(p.pattern), String(p.count)])),
    '',
    ...table(['File', 'Language', 'Size', 'Lines'], facts.files.map((f) => [code(f.path), f.language, size(f.bytes), f.lines === null ? (f.bytes > 4 * 1024 * 1024 ? 'not read (over 4 MB)' : 'binary') : String(f.lines)]), facts.files.length),
    '',
    '## Lines of code by language',
    '',
  ];
  const languages = new Map<string, { files: number; nonBlank: number }>();
  for (const f of facts.files) {
    if (f.nonBlank === null) continue;
    const entry = languages.get(f.language) ?? { files: 0, nonBlank: 0 };
    entry.files++;
    entry.nonBlank += f.nonBlank;
    languages.set(f.language, entry);
  }
  const languageRows = [...languages.entries()].sort((a, b) => b[1].nonBlank - a[1].nonBlank).map(([name, v]) => [name, String(v.files), String(v.nonBlank)]);
  out.push(...table(['Language', 'Files', 'Non-blank lines'], languageRows), '');

  out.push('## Frameworks and packages', '');
  const { rows, undeclared } = packageRows(facts, input.manifests);
  if (rows.length === 0) out.push('The matched files import no third-party packages.', '');
  else {
    out.push('Packages the matched files import, and the package.json that declares each (relative imports and Node built-ins are not listed).', '');
    out.push(...table(['Package', 'Imported by', 'Declared in'], rows), '');
    if (undeclared.length) out.push(`Imported but declared in no package.json: ${undeclared.map(code).join(', ')}.`, '');
  }

  out.push('## HTTP routes', '');
  if (facts.httpRoutes.length === 0) out.push('No Express-style routes (`router.get(...)`, `app.post(...)`) in the matched files.', '');
  else out.push(...table(['Method', 'Path', 'Declared on', 'Where'], facts.httpRoutes.map((r) => [r.method, code(r.path), code(r.on), code(`${r.file}:${r.line}`)])), '');
  if (facts.pageRoutes.length > 0) {
    out.push('Front-end routes (React Router):', '');
    out.push(...table(['Path', 'Element', 'Where'], facts.pageRoutes.map((r) => [code(r.path), r.element ? code(r.element) : '-', code(`${r.file}:${r.line}`)])), '');
  }

  out.push('## React components', '');
  if (facts.components.length === 0) out.push('No React components in the matched files.', '');
  else out.push(...table(['Component', 'Exported', 'Where'], facts.components.map((c) => [code(c.name), c.exported ? 'yes' : 'no', code(`${c.file}:${c.line}`)])), '');

  out.push('## Tests', '');
  const sources = facts.files.filter((f) => !facts.tests.includes(f.path) && f.lines !== null).length;
  if (facts.tests.length === 0) out.push(`**No test files match this module's patterns** (${sources} non-test text files).`, '');
  else out.push(`${facts.tests.length} test file${facts.tests.length === 1 ? '' : 's'} for ${sources} other text files:`, '', ...facts.tests.map((t) => `- ${code(t)}`), '');

  out.push('## TODO and FIXME markers', '');
  if (facts.markers.length === 0) out.push('None in the matched files.', '');
  else {
    for (const m of facts.markers.slice(0, MAX_ROWS)) out.push(`- ${code(`${m.file}:${m.line}`)} ${m.tag}${m.text ? `: ${m.text}` : ''}`);
    if (facts.markers.length > MAX_ROWS) out.push(`- _${facts.markers.length - MAX_ROWS} more not shown._`);
    out.push('');
  }

  out.push('## Largest files', '');
  const largest = [...facts.files].sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path)).slice(0, 10);
  out.push(...table(['File', 'Size'], largest.map((f) => [code(f.path), size(f.bytes)])), '');

  out.push('## Most-changed files', '');
  const churn = facts.churn;
  const walkedBranch = snapshot.branchTip ? code(snapshot.branch) : 'the base branch';
  const span = churn.shallow
    ? `the ${churn.commitsWalked} first-parent commits of ${walkedBranch} this shallow clone holds`
    : `the last ${churn.commitsWalked} first-parent commits of ${walkedBranch}${churn.complete ? ' (its whole first-parent history)' : ''}`;
  if (churn.unfetchedAt) {
    out.push(
      `This repository is a partial clone that has not fetched the folders (trees) of commit ${code(churn.unfetchedAt.slice(0, 10))} and older ones, so the counts stop there. \`git fetch --refetch --no-filter\` from its promisor remote brings them.`,
      '',
    );
  }
  if (churn.shallow) {
    out.push(
      'This repository is a shallow clone: its history stops after these commits (the oldest one is counted without its changes, which are unknown here), so older changes are not counted. `git fetch --unshallow` brings the whole history.',
      '',
    );
  }
  const changed = [...churn.counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10);
  if (changed.length === 0) out.push(`None of the matched files changed in ${span}.`, '');
  else out.push(`Commits that changed each file, over ${span}:`, '', ...table(['File', 'Commits'], changed.map(([path, count]) => [code(path), String(count)])), '');
  return out.join('\n');
}
