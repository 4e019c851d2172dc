// How suggestions are formed from file names: folders over files, one pattern per folder and word, glob
// characters in names escaped, nothing already covered, nothing that takes in most of the repository.

import { describe, expect, it } from 'vitest';
import picomatch from 'picomatch';
import { escapeGlob, findSuggestions } from '../../../../src/main/core/scope/suggest';
import { moduleWords } from '../../../../src/main/core/scope/scope-words';

const words = (id: string, title: string) => moduleWords({ id, title });
const suggest = (files: string[], id: string, title: string, covered: string[] = [], exclude: string[] = []) =>
  findSuggestions({ files, covered: new Set(covered), words: words(id, title), exclude: new Set(exclude) });

describe('pattern suggestions from file names', () => {
  it('proposes the outermost folder named after the word, and one file pattern per folder', () => {
    const files = [
      'web/src/pages/drivers/DriverList.tsx',
      'web/src/pages/drivers/components/DriverRow.tsx',
      'api/routes/driverRoutes.ts',
      'api/routes/driverLicense.ts',
      'api/routes/vehicleRoutes.ts',
      'api/db/0001_driver_index.sql',
      'README.md',
    ];
    expect(suggest(files, 'drivers-hub', 'Drivers Hub').map((s) => [s.pattern, s.filesAdded, s.word])).toEqual([
      // Equal gains: the shorter pattern first.
      ['api/routes/driver*.ts', 2, 'driver'],
      ['web/src/pages/drivers/**', 2, 'driver'],
      ['api/db/*driver*.sql', 1, 'driver'],
    ]);
  });

  it('counts only the files a suggestion adds, and drops one that adds nothing, or was rejected', () => {
    const files = ['src/fuel/a.ts', 'src/fuel/b.ts', 'api/fuelPrices.ts'];
    const result = suggest(files, 'fuel-management', 'Fuel Management', ['src/fuel/a.ts', 'api/fuelPrices.ts']);
    expect(result.map((s) => [s.pattern, s.filesAdded, s.sample])).toEqual([['src/fuel/**', 1, ['src/fuel/b.ts']]]);
    expect(suggest(files, 'fuel-management', 'Fuel Management', [], ['src/fuel/**']).map((s) => s.pattern)).toEqual(['api/fuel*.ts']);
  });

  it('escapes glob characters in folder names, so the pattern matches exactly those files', () => {
    const files = ['app/[locale]/drivers/page.tsx', 'app/(admin)/drivers/page.tsx', 'app/[locale]/other.tsx'];
    const result = suggest(files, 'drivers-hub', 'Drivers Hub');
    expect(result.map((s) => s.pattern)).toEqual(['app/\\(admin\\)/drivers/**', 'app/\\[locale\\]/drivers/**']);
    for (const s of result) expect(files.filter((f) => picomatch(s.pattern, { nocase: true, dot: true })(f))).toEqual(s.sample);
    expect(escapeGlob('a*b?{c}!+@')).toBe('a\\*b\\?\\{c\\}\\!\\+\\@');
  });

  it('matches singular and plural names, at the repository root too', () => {
    const files = ['priorities.ts', 'src/taskPriority.ts', 'src/other.ts', 'lib/priority.ts', 'lib/priorities.ts'];
    expect(suggest(files, 'ai-task-priority', 'AI Task Priority').map((s) => [s.pattern, s.filesAdded])).toEqual([
      ['lib/priorit*.ts', 2],
      ['src/task*.ts', 1],
      ['priorities*.ts', 1],
    ]);
  });

  it('leaves out a folder that would take in most of the repository', () => {
    const files = [...Array.from({ length: 300 }, (_, i) => `fleet-app/src/file${i}.ts`), 'lib/fleetMap.ts'];
    expect(suggest(files, 'fleet-hub', 'Fleet Hub').map((s) => s.pattern)).toEqual(['lib/fleet*.ts']);
  });
});
