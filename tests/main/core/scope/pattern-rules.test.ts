// The rules a path pattern must pass, and the words suggestions search for.

import { describe, expect, it } from 'vitest';
import { patternProblem, patternProblems } from '../../../../src/main/core/scope/pattern-check';
import { moduleWords, plural, singular } from '../../../../src/main/core/scope/scope-words';
import { PatternListSchema } from '../../../../src/shared/contract-scope';
import { DEFAULT_MODULES } from '../../../../src/shared/catalog';

describe('path pattern rules', () => {
  it('accepts every pattern of the default catalog and ordinary globs', () => {
    for (const pattern of [...DEFAULT_MODULES.flatMap((m) => m.patterns), 'src/pages/drivers/**', 'api/routes/driver*.ts', '**/*.{ts,tsx}', 'src/[A-F]*', 'a/+(x|y)/**']) {
      expect(patternProblem(pattern), pattern).toBeNull();
    }
  });

  it('names what is wrong with a pattern that cannot be used', () => {
    expect(patternProblem('/src/**')).toMatch(/absolute path/);
    expect(patternProblem('C:\\src\\**')).toMatch(/absolute path/);
    expect(patternProblem('src/../secrets/**')).toMatch(/contains "\.\."/);
    expect(patternProblem('../**')).toMatch(/contains "\.\."/);
    expect(patternProblem('./src/**')).toMatch(/contains "\.\/"/);
    expect(patternProblem('src/pages/')).toBe('ends with "/": add ** to match the folder\'s files (src/pages/**)');
    expect(patternProblem('!src/**')).toMatch(/exclusion/);
    expect(patternProblem('src/[ab')).toMatch(/not a valid glob pattern: Missing closing: "\]"/);
    expect(patternProblem('**/*.{ts')).toMatch(/not a valid glob pattern: Missing closing: "\}"/);
    expect(patternProblem('src/(a')).toMatch(/not a valid glob pattern/);
    expect(patternProblem('src\\')).toMatch(/lone "\\"/);
    expect(patternProblem(' src/**')).toMatch(/spaces/);
  });

  it('flags a pattern listed twice', () => {
    expect(patternProblems(['src/**', 'api/**', 'src/**'])).toEqual([{ pattern: 'src/**', problem: 'is listed twice' }]);
  });

  it('refuses empty, oversized, duplicated or too many patterns at the contract boundary', () => {
    expect(PatternListSchema.safeParse(['src/**']).success).toBe(true);
    expect(PatternListSchema.safeParse(['']).error?.issues[0]?.message).toBe('must not be empty');
    expect(PatternListSchema.safeParse(['x'.repeat(501)]).error?.issues[0]?.message).toBe('must be at most 500 characters');
    expect(PatternListSchema.safeParse(['a/**', 'a/**']).error?.issues[0]?.message).toBe('must not list the same pattern twice');
    expect(PatternListSchema.safeParse(Array.from({ length: 201 }, (_, i) => `p${i}/**`)).error?.issues[0]?.message).toBe('may hold at most 200 patterns');
    expect(PatternListSchema.safeParse(['src/\n**']).success).toBe(false);
  });
});

describe('words a module is named by', () => {
  const words = (id: string, title: string) => moduleWords({ id, title }).map((w) => w.word);

  it('drops generic words while others remain and uses the singular', () => {
    expect(words('drivers-hub', 'Drivers Hub')).toEqual(['driver']);
    expect(words('fuel-management', 'Fuel Management')).toEqual(['fuel']);
    expect(words('ai-dispatch', 'AI Dispatch')).toEqual(['dispatch']);
    expect(words('admin-config', 'Admin Configuration')).toEqual(['admin']);
    expect(words('dispatch-system', 'Dispatch System')).toEqual(['dispatch']);
    expect(words('ai-task-priority', 'AI Task Priority')).toEqual(['task', 'priority']);
    expect(words('break-glass', 'Break Glass')).toEqual(['break', 'glass']);
  });

  it('keeps a generic word when it is all the module has', () => {
    expect(words('hub', 'Hub')).toEqual(['hub']);
  });

  it('searches singular and plural forms', () => {
    expect(moduleWords({ id: 'ai-task-priority', title: 'AI Task Priority' }).find((w) => w.word === 'priority')?.forms).toEqual(['priority', 'priorities']);
    expect(singular('analytics')).toBe('analytic');
    expect(singular('glass')).toBe('glass');
    expect(plural('glass')).toBe('glasses');
    expect(plural('inventory')).toBe('inventories');
  });
});
