// What an edited pattern list would match on the module's branch, before it is saved: per-pattern counts,
// the total, a sample of paths, and each unusable pattern with its problem.

import type { PatternPreview, PatternPreviewRow } from '../../../shared/types-scope';
import { moduleFiles, type ScopeContext } from './module-files';
import { patternProblem } from './pattern-check';

const SAMPLE_LIMIT = 200;

/** Matches `patterns` on the module's branch without saving anything. */
export async function previewPatterns(context: ScopeContext, moduleId: string, patterns: string[]): Promise<PatternPreview> {
  const { branch, commit, key, files } = await moduleFiles(context, moduleId);
  const problems = patterns.map((pattern) => patternProblem(pattern));
  const usable = [...new Set(patterns.filter((_, i) => problems[i] === null))];
  const match = context.scope.match(key, files, usable);
  const counts = new Map(match.perPattern.map((m) => [m.pattern, m]));
  const rows: PatternPreviewRow[] = patterns.map((pattern, i) => ({ pattern, count: counts.get(pattern)?.count ?? 0, assets: counts.get(pattern)?.assets ?? 0, problem: problems[i] ?? null }));
  const code = context.scope.codeOnly(files);
  return {
    moduleId,
    branch,
    commit,
    totalFiles: code.length,
    totalAssets: files.length - code.length,
    matchedFiles: match.files.length,
    matchedAssets: match.assets.length,
    sample: match.files.slice(0, SAMPLE_LIMIT),
    sampleLimit: SAMPLE_LIMIT,
    rows,
    unmatched: rows.filter((r) => r.problem === null && r.count === 0 && r.assets === 0).map((r) => r.pattern),
    invalid: rows.filter((r) => r.problem !== null).map((r) => ({ pattern: r.pattern, problem: r.problem! })),
  };
}
