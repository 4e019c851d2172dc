// Which of a module's files an agent should see first: entry points and domain logic, then other source,
// configuration, tests, documentation, styles. Assets (shared/asset-files) and generated files are never sent.

import { isAssetPath } from '../../../../shared/asset-files';

const GENERATED = /(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|npm-shrinkwrap\.json|composer\.lock|Cargo\.lock|poetry\.lock)$|\.min\.(js|css)$|\.map$|(^|\/)(dist|build|coverage|node_modules|vendor)\//i;
const TEST = /(^|\/)(__tests__|__mocks__|tests?|spec|specs|e2e|cypress|playwright)\/|\.(test|spec|e2e|cy)\.[a-z0-9]+$/i;
const ENTRY = /(^|\/)(routes?|routers?|controllers?|handlers?|endpoints?|services?|pages?|screens?|views?)\/|\.(routes?|router|controller|service|handler|page|screen|view)\.[a-z0-9]+$|(Page|Screen|View|Controller|Service|Router|Routes)\.[jt]sx?$/;
const SOURCE = /\.(tsx?|jsx?|mjs|cjs|vue|svelte|py|rb|go|rs|java|kt|kts|scala|cs|fs|php|swift|m|mm|c|cc|cpp|h|hpp|dart|ex|exs|erl|clj|lua|sh|ps1|sql|graphql|gql|prisma|proto)$/i;
const CONFIG = /\.(json|ya?ml|toml|ini|cfg|conf|env\.example|xml|gradle|properties)$|(^|\/)(Dockerfile|Makefile|Procfile)$/i;
const DOCS = /\.(md|mdx|markdown|txt|rst|adoc)$/i;

export const TIER_NAMES = ['entry points and services', 'source', 'configuration', 'tests', 'documentation', 'styles and markup'] as const;

/** True for files that are binary or assets by their name (checked again by content when read). */
export function isBinaryPath(path: string): boolean {
  return isAssetPath(path);
}

/** True for lock files, bundles, source maps and build output: never worth a token. */
export function isGeneratedPath(path: string): boolean {
  return GENERATED.test(path);
}

/** True for test files (by folder or by a .test/.spec name); an asset in a test folder (a .png snapshot) is not one. */
export function isTestPath(path: string): boolean {
  return TEST.test(path) && !isAssetPath(path);
}

/** 0 (send first) to 5 (send last). */
export function relevanceTier(path: string): number {
  if (TEST.test(path)) return 3;
  if (SOURCE.test(path)) return ENTRY.test(path) ? 0 : 1;
  if (CONFIG.test(path)) return 2;
  if (DOCS.test(path)) return 4;
  return 5;
}

/** `paths` in the order an agent should read them: by tier, then by path (files of a folder stay together). */
export function rankByRelevance(paths: string[]): string[] {
  return paths
    .map((path) => ({ path, tier: relevanceTier(path) }))
    .sort((a, b) => a.tier - b.tier || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((entry) => entry.path);
}
