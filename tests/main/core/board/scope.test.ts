import { afterAll, describe, expect, it } from 'vitest';
import picomatch from 'picomatch';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { ScopeCache, requiredLiteral } from '../../../../src/main/core/board/scope';
import { DEFAULT_MODULES } from '../../../../src/shared/catalog';
import { isAssetPath } from '../../../../src/shared/asset-files';
import { cleanupTempDirs, commitFiles, initRepo } from '../../../helpers/git';

afterAll(cleanupTempDirs);

const FILES = [
  'web/src/pages/FleetPage.tsx',
  'web/src/components/fleet/VehicleCard.tsx',
  'api/src/routes/drivers.routes.ts',
  'api/src/services/Fuel-Price.service.ts',
  'web/public/assets/logo.png',
  'api/src/middleware/auth.ts',
  'docs/.hidden/fleet.md',
  'web/src/pages/AiDispatchPage.tsx',
  'web/src/pages/DispatchBoard.tsx',
  'src/{weird}/name[1].ts',
  'README.md',
];

describe('module scope matching', () => {
  it('matches exactly what picomatch matches, for every default module and for syntax the prefilter skips', async () => {
    const dir = initRepo();
    commitFiles(dir, { 'a.txt': 'a\n' }, 'first');
    const scope = new ScopeCache(await GitRepository.open(dir));
    const extra = [['**/*.{png,md}'], ['web/src/pages/[A-F]*'], ['**/!(*.ts)'], ['api/**'], []];
    for (const patterns of [...DEFAULT_MODULES.map((m) => m.patterns), ...extra]) {
      const expected = FILES.filter((f) => patterns.some((p) => picomatch(p, { nocase: true, dot: true })(f)));
      const result = scope.match('key', FILES, patterns);
      // Code and assets apart, together exactly picomatch's matches.
      expect(result.files, patterns.join(' ')).toEqual(expected.filter((f) => !isAssetPath(f)));
      expect(result.assets, patterns.join(' ')).toEqual(expected.filter(isAssetPath));
      for (const { pattern, count, assets } of result.perPattern) {
        expect(count + (assets ?? 0)).toBe(FILES.filter((f) => picomatch(pattern, { nocase: true, dot: true })(f)).length);
      }
    }
  });

  it('derives the literal a path must contain only where glob syntax allows it', () => {
    expect(requiredLiteral('**/*Driver*/**')).toBe('driver');
    expect(requiredLiteral('api/src/routes/*.ts')).toBe('routes');
    expect(requiredLiteral('**/*.{ts,tsx}')).toBeNull();
    expect(requiredLiteral('src/[abc]*')).toBeNull();
    expect(requiredLiteral('**/*')).toBeNull();
  });
});
