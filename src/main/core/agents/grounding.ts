// The grounding check on an agent's draft: file paths it names that are not in the module's scope (or not in
// the repository at all), and frameworks or libraries it names that no package.json of the repository declares.

import type { GroundingFlag } from '../../../shared/types-agents';
import { parseFrontMatter } from '../docs/front-matter';
import type { ModuleSnapshot } from './context/module-files';
import type { PackageManifest } from './context/package-manifests';
import { KNOWN_LIBRARIES } from './known-libraries';

const PATH = /(?<![\w@/.:-])((?:[\w@.-]+\/)*[\w@-][\w@.-]*\.(?:tsx?|jsx?|mjs|cjs|mts|cts|json|css|scss|less|html|vue|svelte|py|go|rb|java|kt|cs|php|sql|ya?ml|graphql|prisma|sh))(?::\d+(?:-\d+)?)?(?![\w/])/g;
/** "Next.js", "Chart.js": library names shaped like files. */
const LIBRARY_SHAPED = /^[A-Z][\w]*\.js$|^(node|next|vue|nuxt|express|react|d3|chart|three|socket)\.js$/i;

export interface GroundingResult {
  flags: GroundingFlag[];
  checkedPaths: number;
  checkedLibraries: number;
}

/** Checks `content` (a document with optional front matter) against the module's files and the repository's packages. */
export function checkGrounding(content: string, snapshot: ModuleSnapshot, manifests: PackageManifest[], docsFolder: string): GroundingResult {
  const { body } = parseFrontMatter(content);
  const offset = content.slice(0, content.length - body.length).split('\n').length - 1;
  const scope = new Set(snapshot.files);
  const everywhere = new Set(snapshot.allFiles);
  const declared = new Set(manifests.flatMap((m) => [...m.declares.keys()]));
  const flags: GroundingFlag[] = [];
  let checkedPaths = 0;
  let checkedLibraries = 0;
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNumber = i + 1 + offset;
    for (const match of line.matchAll(PATH)) {
      const path = match[1]!.replace(/^\.\//, '');
      if (/^https?:/.test(line.slice(Math.max(0, match.index - 8), match.index + 1)) || path.startsWith(`${docsFolder}/`)) continue;
      if (!path.includes('/') && LIBRARY_SHAPED.test(path)) continue;
      checkedPaths++;
      const inScope = scope.has(path) || snapshot.files.some((f) => f.endsWith(`/${path}`));
      if (inScope) continue;
      const inRepo = everywhere.has(path) ? path : snapshot.allFiles.find((f) => f.endsWith(`/${path}`));
      if (inRepo && /(^|\/)package\.json$/.test(inRepo)) continue;
      flags.push({
        line: lineNumber,
        type: 'path',
        text: path,
        message: inRepo
          ? `${path} exists (${inRepo}) but is outside this module's path patterns: the module's files do not back this statement.`
          : `${path} does not exist in the repository on this module's branch.`,
      });
    }
    for (const library of KNOWN_LIBRARIES) {
      if (!library.pattern.test(line)) continue;
      checkedLibraries++;
      if (library.packages?.some((p) => declared.has(p))) continue;
      if (library.sourceExtension && snapshot.allFiles.some((f) => library.sourceExtension!.test(f))) continue;
      const evidence = library.packages ? `no package.json in the repository declares ${library.packages.join(' or ')}` : 'the repository has no source files of its language';
      flags.push({ line: lineNumber, type: 'library', text: library.name, message: `${library.name} is named, but ${evidence}: check the text does not claim the code uses it.` });
    }
  }
  return { flags, checkedPaths, checkedLibraries };
}
