// The pattern editor's rows: what it sends for a preview or a save, and the problems it names without asking main.

import { describe, expect, it } from 'vitest';
import { localProblems, patternsToSend, samePatterns } from '../../src/renderer/src/lib/patternList';

describe('the pattern editor list', () => {
  it('sends distinct trimmed patterns in order, leaving out empty rows', () => {
    expect(patternsToSend([' src/pages/drivers/** ', '', 'api/**', 'src/pages/drivers/**', '   '])).toEqual(['src/pages/drivers/**', 'api/**']);
  });

  it('marks an empty row and the second of two equal patterns', () => {
    expect(localProblems(['src/**', '', 'api/**', ' src/** '])).toEqual([null, 'empty', null, 'duplicate']);
  });

  it('knows when the rows are the committed list (nothing to save)', () => {
    expect(samePatterns(['a/**', 'b/**', ''], ['a/**', 'b/**'])).toBe(true);
    expect(samePatterns(['b/**', 'a/**'], ['a/**', 'b/**'])).toBe(false);
    expect(samePatterns(['a/**'], ['a/**', 'b/**'])).toBe(false);
  });
});
