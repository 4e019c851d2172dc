import { describe, expect, it } from 'vitest';
import type { RunEstimate } from '../../src/shared/types-agents';
import { countEstimateFlags, estimateFlag } from '../../src/renderer/src/lib/estimateFlags';

function run(moduleId: string, overrides: Partial<RunEstimate> = {}): RunEstimate {
  return {
    moduleId, kind: 'as-is', inputTokens: 1000, outputTokens: 500, maxOutputTokens: 4000, costUsd: 0.01, worstCaseUsd: 0.02,
    filesSent: 3, matchedFiles: 3, truncated: false, warnings: [], blocked: null, ...overrides,
  };
}

describe('batch estimate flags', () => {
  it('counts a row that sends no code as flagged in the totals, as the table marks it', () => {
    // The offline analyzer's run of a module without files: not blocked, but flagged in its row.
    const runs = [run('fleet-hub'), run('break-glass', { matchedFiles: 0, filesSent: 0 })];
    expect(estimateFlag(runs[1]!)).toBe('no-code');
    expect(countEstimateFlags(runs)).toEqual({ blocked: 0, noCode: 1, flagged: 1 });
  });

  it('counts blocked rows once, even when they also match no file', () => {
    const runs = [run('a', { blocked: 'No files match', matchedFiles: 0 }), run('b', { blocked: 'No room' }), run('c')];
    expect(runs.map(estimateFlag)).toEqual(['blocked', 'blocked', null]);
    expect(countEstimateFlags(runs)).toEqual({ blocked: 2, noCode: 0, flagged: 2 });
  });
});
