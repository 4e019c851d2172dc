// The repository's conventions for an implementation run: the scripts of the root package.json and of the package
// nearest the module's files, the README's first part, and the lint, format, type and test configuration present
// (names and their first lines), so the agent runs and writes code the way the project does.

import type { GitRepository } from '../../git/repository';
import { isUtf8Text } from '../../docs/doc-state';
import { estimateTokens } from '../../agents/context/token-estimate';

const CONFIG = /^(\.eslintrc(\.[a-z]+)?|eslint\.config\.[cm]?[jt]s|\.prettierrc(\.[a-z]+)?|prettier\.config\.[cm]?[jt]s|tsconfig(\.[\w-]+)?\.json|jsconfig\.json|vitest\.(config|workspace)\.[cm]?[jt]s|jest\.config\.[cm]?[jt]s(on)?|playwright\.config\.[cm]?[jt]s|biome\.jsonc?|\.editorconfig)$/;
const README = /^readme(\.(md|markdown|txt|rst))?$/i;
const README_CHARS = 3000;
const CONFIG_CHARS = 1200;
const MAX_CONFIGS = 10;
const MAX_LINES = 80;

export interface Conventions {
  text: string;
  /** The files the section quotes from. */
  files: string[];
}

async function readText(repo: GitRepository, tree: string, path: string): Promise<string | null> {
  const entry = await repo.entryAtPath(tree, path);
  if (!entry || entry.type !== 'blob') return null;
  const bytes = await repo.readBlob(entry.oid, path);
  return isUtf8Text(bytes) ? bytes.toString('utf8') : null;
}

const folderOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const nameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** The folder of the package.json nearest to most of `moduleFiles` (its own folder or the closest parent), or null. */
export function nearestPackageFolder(packageFolders: string[], moduleFiles: string[]): string | null {
  const votes = new Map<string, number>();
  for (const file of moduleFiles) {
    let best: string | null = null;
    for (const folder of packageFolders) if ((folder === '' || file.startsWith(`${folder}/`)) && (best === null || folder.length > best.length)) best = folder;
    if (best !== null) votes.set(best, (votes.get(best) ?? 0) + 1);
  }
  let winner: string | null = null;
  for (const [folder, count] of votes) if (winner === null || count > votes.get(winner)! || (count === votes.get(winner) && folder.length > winner.length)) winner = folder;
  return winner;
}

async function scriptsOf(repo: GitRepository, tree: string, path: string): Promise<string | null> {
  const text = await readText(repo, tree, path);
  if (text === null) return null;
  try {
    const json = JSON.parse(text) as { name?: unknown; scripts?: unknown; type?: unknown };
    const scripts = typeof json.scripts === 'object' && json.scripts !== null ? Object.entries(json.scripts as Record<string, unknown>) : [];
    const lines = scripts.map(([name, command]) => `  ${name}: ${String(command)}`);
    const head = [typeof json.name === 'string' ? `name ${json.name}` : '', typeof json.type === 'string' ? `type ${json.type}` : ''].filter(Boolean).join(', ');
    return `${path}${head ? ` (${head})` : ''} scripts:\n${lines.length ? lines.join('\n') : '  (none)'}`;
  } catch {
    return `${path}: not valid JSON`;
  }
}

/** The conventions section within about `maxTokens`; parts that do not fit are named as left out. */
export async function readConventions(repo: GitRepository, tree: string, allFiles: string[], moduleFiles: string[], maxTokens: number): Promise<Conventions> {
  const packages = allFiles.filter((f) => nameOf(f) === 'package.json' && !f.includes('node_modules/'));
  const nearest = nearestPackageFolder(packages.map(folderOf), moduleFiles);
  const folders = ['', ...(nearest ? [nearest] : [])];
  const parts: Array<{ path: string; text: () => Promise<string | null> }> = [];
  for (const folder of folders) {
    const manifest = folder ? `${folder}/package.json` : 'package.json';
    if (packages.includes(manifest)) parts.push({ path: manifest, text: () => scriptsOf(repo, tree, manifest) });
  }
  const readme = allFiles.find((f) => !f.includes('/') && README.test(f));
  if (readme) parts.push({ path: readme, text: async () => wrap(readme, firstChars((await readText(repo, tree, readme)) ?? '', README_CHARS)) });
  const configs = allFiles.filter((f) => folders.includes(folderOf(f)) && CONFIG.test(nameOf(f))).slice(0, MAX_CONFIGS);
  for (const config of configs) parts.push({ path: config, text: async () => wrap(config, firstChars((await readText(repo, tree, config)) ?? '', CONFIG_CHARS)) });

  const sections: string[] = [];
  const files: string[] = [];
  const left: string[] = [];
  let used = 0;
  for (const part of parts) {
    const text = await part.text();
    if (text === null) continue;
    const tokens = estimateTokens(text);
    if (used + tokens > maxTokens) {
      left.push(part.path);
      continue;
    }
    used += tokens;
    sections.push(text);
    files.push(part.path);
  }
  if (parts.length === 0) sections.push('No package.json, README or lint and test configuration at the root of the repository.');
  if (left.length) sections.push(`Left out (context budget): ${left.join(', ')}.`);
  return { text: `## Conventions of the repository\n${sections.join('\n\n')}\n`, files };
}

/** The first lines of `text` within `max` characters and MAX_LINES lines, marked when cut. */
function firstChars(text: string, max: number): string {
  const lines = text.split('\n');
  const whole = lines.at(-1) === '' ? lines.length - 1 : lines.length;
  let kept = '';
  let count = 0;
  while (count < whole && count < MAX_LINES && kept.length + lines[count]!.length + 1 <= max) kept += `${lines[count++]}\n`;
  if (count === whole) return text;
  return `${count === 0 ? text.slice(0, max) : kept}[… the rest not shown]`;
}

function wrap(path: string, body: string): string {
  return `${path}:\n\`\`\`\`\n${body.replaceAll('````', '```\u200b`')}\n\`\`\`\``;
}
