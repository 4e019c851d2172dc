// Which files a module's path patterns match, computed once per (code tree, patterns) and cached.

import picomatch from 'picomatch';
import type { GitRepository } from '../git/repository';
import type { PatternMatch } from '../../../shared/types';
import { isAssetPath } from '../../../shared/asset-files';
import { ScopeCountStore, type ScopeCounts } from './scope-counts';

export interface ScopeMatch {
  /** Code files the patterns match: what the module page lists and an agent may read. */
  files: string[];
  /** Assets the patterns match (images, models, fonts, archives...: shared/asset-files), counted apart, never sent. */
  assets: string[];
  /** Per pattern: code files in `count`, assets in `assets`. */
  perPattern: PatternMatch[];
}

const MATCH_OPTIONS = { nocase: true, dot: true } as const;

/**
 * The longest literal run a path must contain to match `pattern` (lowercase), or null when the pattern uses
 * syntax (braces, classes, extglobs, escapes) where that reasoning does not hold.
 */
export function requiredLiteral(pattern: string): string | null {
  if (/[{}()[\]!+@\\]/.test(pattern)) return null;
  const runs = pattern.toLowerCase().split(/[*?/]+/);
  const longest = runs.reduce((a, b) => (b.length > a.length ? b : a), '');
  return longest.length >= 2 ? longest : null;
}

/** A single test equivalent to "matches at least one of `patterns`". */
function combinedMatcher(patterns: string[]): (file: string, lower: string) => boolean {
  if (patterns.length === 0) return () => false;
  let re: RegExp;
  try {
    re = new RegExp(patterns.map((p) => `(?:${picomatch.makeRe(p, MATCH_OPTIONS).source})`).join('|'), 'i');
  } catch {
    const matchers = patterns.map((p) => picomatch(p, MATCH_OPTIONS));
    return (file) => matchers.some((m) => m(file));
  }
  const literals = patterns.map(requiredLiteral);
  if (literals.some((l) => l === null)) return (file) => re.test(file);
  // Most files contain none of the literals: a substring check rules them out before any regular expression runs.
  return (file, lower) => literals.some((l) => lower.includes(l!)) && re.test(file);
}

/** Caches the code file list of trees (docs folder excluded) and the matches of pattern sets on them. */
export class ScopeCache {
  private readonly fileLists = new Map<string, Promise<string[]>>();
  private readonly lowerCase = new WeakMap<string[], string[]>();
  private readonly withoutAssets = new WeakMap<string[], string[]>();
  private readonly matches = new Map<string, ScopeMatch>();

  constructor(
    private readonly repo: GitRepository,
    private readonly counts: ScopeCountStore = new ScopeCountStore(null),
  ) {}

  /** Identifies the code part of `rootTree`: its entries outside the docs folder. */
  private async scopeKey(rootTree: string, docsFolder: string): Promise<string> {
    const entries = await this.repo.readTree(rootTree);
    const top = docsFolder.split('/')[0];
    return entries
      .filter((e) => e.path !== top)
      .map((e) => `${e.path}:${e.oid}`)
      .join('\n');
  }

  /** How many code files and assets `patterns` match in `rootTree`, from the on-disk counts when this scope was seen before. */
  async count(rootTree: string, docsFolder: string, patterns: string[]): Promise<ScopeCounts> {
    const key = await this.scopeKey(rootTree, docsFolder);
    const stored = ScopeCountStore.key(key, patterns);
    const known = await this.counts.get(stored);
    if (known !== undefined) return known;
    const { files } = await this.codeFiles(rootTree, docsFolder);
    const match = this.match(key, files, patterns);
    const counts = { code: match.files.length, assets: match.assets.length };
    await this.counts.set(stored, counts);
    return counts;
  }

  /** `files` without assets (what suggestions are drawn from), computed once per file list. */
  codeOnly(files: string[]): string[] {
    let code = this.withoutAssets.get(files);
    if (!code) {
      code = files.filter((f) => !isAssetPath(f));
      this.withoutAssets.set(files, code);
    }
    return code;
  }

  /** Writes counts learned since the last flush. */
  flush(): Promise<void> {
    return this.counts.flush();
  }

  /** Files of `rootTree` outside the docs folder. Module branches that differ only in documents share one entry. */
  async codeFiles(rootTree: string, docsFolder: string): Promise<{ key: string; files: string[] }> {
    const key = await this.scopeKey(rootTree, docsFolder);
    const cached = this.fileLists.get(key);
    if (cached) return { key, files: await cached };
    const list = this.repo.listFiles(rootTree).then((files: string[]) => files.filter((f) => !f.startsWith(`${docsFolder}/`)));
    this.fileLists.set(key, list);
    list.catch(() => this.fileLists.delete(key));
    return { key, files: await list };
  }

  /** The files that `patterns` match among `files` (identified by `key`), code and assets apart, with counts per pattern. */
  match(key: string, files: string[], patterns: string[]): ScopeMatch {
    const cacheKey = `${key}\0${patterns.join('\0')}`;
    const cached = this.matches.get(cacheKey);
    if (cached) return cached;
    const matchers = patterns.map((p) => picomatch(p, MATCH_OPTIONS));
    // One combined expression rules out most files in a single test; only files it accepts are counted per pattern.
    const any = combinedMatcher(patterns);
    const counts = new Array<number>(patterns.length).fill(0);
    const assetCounts = new Array<number>(patterns.length).fill(0);
    const matched: string[] = [];
    const assets: string[] = [];
    let lower = this.lowerCase.get(files);
    if (!lower) {
      lower = files.map((f) => f.toLowerCase());
      this.lowerCase.set(files, lower);
    }
    for (let f = 0; f < files.length; f++) {
      const file = files[f]!;
      if (!any(file, lower[f]!)) continue;
      const asset = isAssetPath(file);
      (asset ? assets : matched).push(file);
      const tally = asset ? assetCounts : counts;
      for (let i = 0; i < matchers.length; i++) if (matchers[i]!(file)) tally[i]!++;
    }
    const result = { files: matched, assets, perPattern: patterns.map((pattern, i) => ({ pattern, count: counts[i]!, assets: assetCounts[i]! })) };
    if (this.matches.size > 2000) this.matches.clear();
    this.matches.set(cacheKey, result);
    return result;
  }
}
