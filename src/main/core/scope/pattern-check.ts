// Checks a module's path patterns before they are matched or saved: glob syntax (picomatch, strict about
// unclosed brackets), and paths a git tree can hold (relative, no "..", no "./", no trailing "/").

import picomatch from 'picomatch';
import { FleetError } from '../../../shared/errors';

export interface PatternProblem {
  pattern: string;
  problem: string;
}

const MATCH_OPTIONS = { nocase: true, dot: true } as const;

/** Why `pattern` cannot be used as a module path pattern, or null when it can. */
export function patternProblem(pattern: string): string | null {
  if (pattern.trim() !== pattern) return 'has spaces at its start or end';
  if (pattern.length === 0) return 'is empty';
  if (pattern.startsWith('/') || /^[A-Za-z]:[\\/]/.test(pattern)) return 'is an absolute path: patterns are relative to the repository root (e.g. src/pages/**)';
  if (pattern.startsWith('!')) return 'is an exclusion ("!"): each pattern adds files, so exclusions are not supported';
  const segments = pattern.split('/');
  if (segments.includes('..')) return 'contains "..": patterns cannot reach outside the repository';
  if (segments.includes('.')) return 'contains "./": paths in a repository never do, so it would match nothing';
  if (pattern.endsWith('/')) return `ends with "/": add ** to match the folder's files (${pattern}**)`;
  if (/(^|[^\\])(\\\\)*\\$/.test(pattern)) return 'ends with a lone "\\"';
  try {
    const re = picomatch.makeRe(pattern, { ...MATCH_OPTIONS, strictBrackets: true });
    // picomatch compiles some broken patterns into an expression that never matches.
    if (re.source === '$^') return 'is not a valid glob pattern';
  } catch (error) {
    return `is not a valid glob pattern: ${(error as Error).message}`;
  }
  return null;
}

/** Every problem in `patterns`: bad syntax, unsafe paths, the same pattern twice. */
export function patternProblems(patterns: string[]): PatternProblem[] {
  const problems: PatternProblem[] = [];
  const seen = new Set<string>();
  for (const pattern of patterns) {
    const problem = patternProblem(pattern);
    if (problem) problems.push({ pattern, problem });
    else if (seen.has(pattern)) problems.push({ pattern, problem: 'is listed twice' });
    seen.add(pattern);
  }
  return problems;
}

/** Throws PATTERN_INVALID naming each bad pattern; nothing is written when it throws. */
export function assertPatternsUsable(patterns: string[]): void {
  const problems = patternProblems(patterns);
  if (problems.length === 0) return;
  const list = problems.map((p) => `"${p.pattern}" ${p.problem}`).join('; ');
  throw new FleetError('PATTERN_INVALID', `${problems.length === 1 ? 'A path pattern cannot be used' : `${problems.length} path patterns cannot be used`}: ${list}.`, { problems });
}
