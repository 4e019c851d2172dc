// A module's scope through the app's contract over a real repository: preview on the module branch, save to the
// manifest (checked with the git CLI), suggestions from file names, rejected suggestions kept across restarts.

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createFleetApp, type FleetApp } from '../../../../src/main/core/app';
import { createDispatcher } from '../../../../src/main/api';
import type { BoardChanged } from '../../../../src/shared/types';
import type { PatternSuggestions } from '../../../../src/shared/types-scope';
import { cleanupTempDirs, commitFiles, git, initRepo, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);

const apps: FleetApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.dispose();
});

const CODE = {
  'README.md': '# FleetOps\n',
  'package.json': '{ "name": "fleetops" }\n',
  'src/pages/drivers/DriverList.tsx': 'export {}\n',
  'src/pages/drivers/DriverDetail.tsx': 'export {}\n',
  'src/pages/drivers/index.ts': 'export {}\n',
  'src/pages/FleetPage.tsx': 'export {}\n',
  'src/components/DriverBadge.tsx': 'export {}\n',
  'src/components/VehicleCard.tsx': 'export {}\n',
  'api/routes/driverRoutes.ts': 'export {}\n',
  'api/routes/vehicleRoutes.ts': 'export {}\n',
  'api/services/fuel.service.ts': 'export {}\n',
};

async function openApp(dir: string, appDataDir = makeTempDir('fleet-appdata-')): Promise<{ app: FleetApp; call: ReturnType<typeof createDispatcher>['call']; appDataDir: string }> {
  const app = createFleetApp({ appDataDir, transport: 'browser', version: '0.0.0-test', watch: false, log: () => undefined });
  apps.push(app);
  await app.openWorkspace(dir);
  return { app, call: createDispatcher(app.handlers, () => undefined).call, appDataDir };
}

async function initialisedApp() {
  const dir = initRepo();
  commitFiles(dir, CODE, 'FleetOps');
  const opened = await openApp(dir);
  await opened.app.initWorkspace({});
  return { dir, ...opened };
}

/** The value of a successful call; fails the test with the error otherwise. */
async function value<T>(result: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const envelope = await result;
  expect(envelope, JSON.stringify(envelope)).toMatchObject({ ok: true });
  return envelope.value as T;
}

const committedPatterns = (dir: string, moduleId: string): string[] =>
  JSON.parse(git(dir, 'show', 'fleet/workspace:.fleet/manifest.json')).modules.find((m: { id: string }) => m.id === moduleId).patterns;

const cardFiles = async (app: FleetApp, moduleId: string) => (await app.getBoard()).modules.find((m) => m.id === moduleId)!.matchedFiles;

describe('previewing a module pattern list', () => {
  it('counts each pattern on the module branch and names patterns that match nothing or cannot be used', async () => {
    const { call } = await initialisedApp();
    const preview = await value<import('../../../../src/shared/types-scope').PatternPreview>(
      call('previewModulePatterns', { moduleId: 'drivers-hub', patterns: ['src/pages/drivers/**', 'api/**/*.ts', 'nothing/**', 'src/[x', '/etc/**'] }),
    );
    expect(preview.branch).toBe('module/drivers-hub');
    // The module branch's documents (enhancements/) are not code: 11 files.
    expect(preview.totalFiles).toBe(11);
    expect(preview.rows.map((r) => [r.pattern, r.count])).toEqual([
      ['src/pages/drivers/**', 3],
      ['api/**/*.ts', 3],
      ['nothing/**', 0],
      ['src/[x', 0],
      ['/etc/**', 0],
    ]);
    expect(preview.matchedFiles).toBe(6);
    expect(preview.sample).toContain('src/pages/drivers/DriverList.tsx');
    expect(preview.sample).not.toContain('src/pages/FleetPage.tsx');
    expect(preview.unmatched).toEqual(['nothing/**']);
    expect(preview.invalid.map((i) => i.pattern)).toEqual(['src/[x', '/etc/**']);
    expect(preview.invalid[0]!.problem).toMatch(/not a valid glob pattern/);
    expect(preview.invalid[1]!.problem).toMatch(/absolute path/);
  });

  it('refuses an empty pattern or an unknown module with an error naming it', async () => {
    const { call } = await initialisedApp();
    const empty = await call('previewModulePatterns', { moduleId: 'drivers-hub', patterns: ['src/**', '  '] });
    expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('patterns[1]: must not be empty') } });
    const unknown = await call('previewModulePatterns', { moduleId: 'no-such-module', patterns: ['src/**'] });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'MODULE_NOT_FOUND', message: 'There is no module "no-such-module" in this workspace.' } });
  });
});

describe('saving a module pattern list', () => {
  it('commits the patterns to the manifest on fleet/workspace, tells the board, and the card counts the new scope', async () => {
    const { dir, app, call, appDataDir } = await initialisedApp();
    expect(await cardFiles(app, 'drivers-hub')).toBe(5); // the default keyword patterns: **/*driver*/**, **/*driver*
    const head = git(dir, 'rev-parse', 'HEAD');
    const status = git(dir, 'status', '--porcelain');
    const start = await value<{ workspaceTip: string; patterns: string[] }>(call('getModulePatterns', { moduleId: 'drivers-hub' }));
    expect(start.workspaceTip).toBe(git(dir, 'rev-parse', 'fleet/workspace'));

    const changed: BoardChanged[] = [];
    app.onEvent((event, payload) => event === 'boardChanged' && changed.push(payload as BoardChanged));
    const saved = await value<{ commit: string; workspaceTip: string }>(
      call('saveModulePatterns', { moduleId: 'drivers-hub', patterns: ['src/pages/drivers/**', 'api/routes/**', 'src/components/**'], expectedTip: start.workspaceTip }),
    );

    expect(saved.commit).toBe(git(dir, 'rev-parse', 'fleet/workspace'));
    expect(saved.workspaceTip).toBe(saved.commit);
    expect(committedPatterns(dir, 'drivers-hub')).toEqual(['src/pages/drivers/**', 'api/routes/**', 'src/components/**']);
    // A long change list is summed up in the subject; the body holds the whole new list.
    expect(git(dir, 'log', '-1', '--format=%s', 'fleet/workspace')).toBe('Drivers Hub: path patterns (3 added, 2 removed)');
    expect(git(dir, 'log', '-1', '--format=%b', 'fleet/workspace')).toContain('  src/pages/drivers/**\n  api/routes/**\n  src/components/**');
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(dir, 'status', '--porcelain')).toBe(status);
    expect(changed).toEqual([{ reason: 'workspace' }]);
    // The same board (its caches warm with the old patterns) and a new process (counts kept on disk) both see 7.
    expect(await cardFiles(app, 'drivers-hub')).toBe(7);
    const detail = await value<{ files: string[] }>(call('getModule', { moduleId: 'drivers-hub' }));
    expect(detail.files).toContain('api/routes/vehicleRoutes.ts');
    await app.dispose();
    const { app: restarted } = await openApp(dir, appDataDir);
    expect(await cardFiles(restarted, 'drivers-hub')).toBe(7);
  });

  it('refuses with BRANCH_MOVED when the manifest changed since the edit began, and keeps the other change', async () => {
    const { dir, call } = await initialisedApp();
    const { workspaceTip } = await value<{ workspaceTip: string }>(call('getModulePatterns', { moduleId: 'drivers-hub' }));
    await value(call('saveModulePatterns', { moduleId: 'fuel-management', patterns: ['api/services/fuel*'], expectedTip: workspaceTip }));
    expect(git(dir, 'log', '-1', '--format=%s', 'fleet/workspace')).toBe('Fuel Management: path patterns + api/services/fuel*, - **/*fuel*/**, - **/*fuel*');
    const moved = git(dir, 'rev-parse', 'fleet/workspace');

    const result = await call('saveModulePatterns', { moduleId: 'drivers-hub', patterns: ['src/pages/drivers/**'], expectedTip: workspaceTip });
    expect(result).toMatchObject({ ok: false, error: { code: 'BRANCH_MOVED', message: expect.stringContaining('fleet/workspace moved since this edit began') } });
    expect(git(dir, 'rev-parse', 'fleet/workspace')).toBe(moved);
    expect(committedPatterns(dir, 'drivers-hub')).toEqual(['**/*driver*/**', '**/*driver*']);
    expect(committedPatterns(dir, 'fuel-management')).toEqual(['api/services/fuel*']);
  });

  it('refuses unusable patterns with PATTERN_INVALID naming each one, and commits nothing', async () => {
    const { dir, call } = await initialisedApp();
    const tip = git(dir, 'rev-parse', 'fleet/workspace');
    const result = await call('saveModulePatterns', { moduleId: 'drivers-hub', patterns: ['src/**', '../outside/**', 'src/[ab'], expectedTip: tip });
    expect(result).toMatchObject({ ok: false, error: { code: 'PATTERN_INVALID' } });
    const message = (result as { error: { message: string } }).error.message;
    expect(message).toMatch(/^2 path patterns cannot be used: "\.\.\/outside\/\*\*" contains "\.\."/);
    expect(message).toContain('"src/[ab" is not a valid glob pattern');
    expect(git(dir, 'rev-parse', 'fleet/workspace')).toBe(tip);
    const twice = await call('saveModulePatterns', { moduleId: 'drivers-hub', patterns: ['src/**', 'src/**'], expectedTip: tip });
    expect(twice).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('must not list the same pattern twice') } });
  });

  it('saves an empty list (the module then matches nothing and its card says so)', async () => {
    const { dir, app, call } = await initialisedApp();
    const tip = git(dir, 'rev-parse', 'fleet/workspace');
    await value(call('saveModulePatterns', { moduleId: 'drivers-hub', patterns: [], expectedTip: tip }));
    expect(committedPatterns(dir, 'drivers-hub')).toEqual([]);
    expect(await cardFiles(app, 'drivers-hub')).toBe(0);
  });
});

describe('pattern suggestions', () => {
  it('proposes concrete patterns for the module\'s files that its patterns miss, ranked by files added', async () => {
    const { dir, call } = await initialisedApp();
    await value(call('saveModulePatterns', { moduleId: 'drivers-hub', patterns: ['src/components/**'], expectedTip: git(dir, 'rev-parse', 'fleet/workspace') }));
    const result = await value<PatternSuggestions>(call('suggestModulePatterns', { moduleId: 'drivers-hub' }));
    expect(result.words).toEqual(['driver']);
    expect(result.suggestions.map((s) => [s.pattern, s.filesAdded])).toEqual([
      ['src/pages/drivers/**', 3],
      ['api/routes/driver*.ts', 1],
    ]);
    expect(result.suggestions[0]!.sample).toEqual(['src/pages/drivers/DriverDetail.tsx', 'src/pages/drivers/DriverList.tsx', 'src/pages/drivers/index.ts']);
    // DriverBadge.tsx is already covered by src/components/**: nothing is suggested for it.
    expect(result.suggestions.some((s) => s.sample.includes('src/components/DriverBadge.tsx'))).toBe(false);
  });

  it('works on the edited list: nothing when the patterns cover every driver file, more when they cover less', async () => {
    const { call } = await initialisedApp();
    const covered = await value<PatternSuggestions>(call('suggestModulePatterns', { moduleId: 'drivers-hub' }));
    expect(covered.suggestions).toEqual([]);
    const edited = await value<PatternSuggestions>(call('suggestModulePatterns', { moduleId: 'drivers-hub', patterns: ['api/routes/driver*.ts'] }));
    expect(edited.suggestions.map((s) => s.pattern)).toEqual(['src/pages/drivers/**', 'src/components/driver*.tsx']);
  });

  it('keeps a rejected suggestion hidden after a restart, and brings it back on request', async () => {
    const { dir, call, app, appDataDir } = await initialisedApp();
    const patterns: string[] = [];
    expect(await value(call('rejectPatternSuggestion', { moduleId: 'drivers-hub', pattern: 'src/pages/drivers/**' }))).toEqual({ rejected: ['src/pages/drivers/**'] });
    const hidden = await value<PatternSuggestions>(call('suggestModulePatterns', { moduleId: 'drivers-hub', patterns }));
    expect(hidden.suggestions.map((s) => s.pattern)).toEqual(['api/routes/driver*.ts', 'src/components/driver*.tsx']);
    expect(hidden.rejected).toEqual(['src/pages/drivers/**']);

    await app.dispose();
    const { call: again } = await openApp(dir, appDataDir);
    const afterRestart = await value<PatternSuggestions>(again('suggestModulePatterns', { moduleId: 'drivers-hub', patterns }));
    expect(afterRestart.suggestions.map((s) => s.pattern)).not.toContain('src/pages/drivers/**');
    expect(afterRestart.rejected).toEqual(['src/pages/drivers/**']);
    // Rejections belong to the module: another module is not affected.
    const other = await value<PatternSuggestions>(again('suggestModulePatterns', { moduleId: 'fuel-management', patterns }));
    expect(other.rejected).toEqual([]);

    expect(await value(again('restorePatternSuggestions', { moduleId: 'drivers-hub' }))).toEqual({ rejected: [] });
    const restored = await value<PatternSuggestions>(again('suggestModulePatterns', { moduleId: 'drivers-hub', patterns }));
    expect(restored.suggestions[0]!.pattern).toBe('src/pages/drivers/**');
  });
});

describe('assets in a module scope', () => {
  const WITH_ASSETS = {
    ...CODE,
    'src/pages/drivers/driver-photo.png': '\x89PNG\r\n\x1a\n\0\0',
    'src/pages/drivers/screenshots/driver-list.png': '\x89PNG\r\n\x1a\n\0\0',
    'public/models/driver-cab.glb': 'glTF\0\0',
    'public/fonts/driver-sans.woff2': 'wOF2\0\0',
    'assets/driver-assets/van.fbx': 'Kaydara\0',
  };

  it('counts code files and assets apart on the card, the module page and the preview', async () => {
    const dir = initRepo();
    commitFiles(dir, WITH_ASSETS, 'FleetOps with images and models');
    const { app, call } = await openApp(dir);
    await app.initWorkspace({});
    const card = (await app.getBoard()).modules.find((m) => m.id === 'drivers-hub')!;
    expect([card.matchedFiles, card.matchedAssets]).toEqual([5, 5]);
    const detail = await value<{ files: string[]; assets: string[] }>(call('getModule', { moduleId: 'drivers-hub' }));
    expect(detail.files).not.toContain('public/models/driver-cab.glb');
    expect(detail.assets).toEqual(expect.arrayContaining(['public/models/driver-cab.glb', 'src/pages/drivers/driver-photo.png']));
    const preview = await value<import('../../../../src/shared/types-scope').PatternPreview>(call('previewModulePatterns', { moduleId: 'drivers-hub', patterns: ['src/pages/drivers/**', 'public/**'] }));
    expect(preview.rows.map((r) => [r.pattern, r.count, r.assets])).toEqual([
      ['src/pages/drivers/**', 3, 2],
      ['public/**', 0, 2],
    ]);
    expect([preview.matchedFiles, preview.matchedAssets, preview.totalFiles, preview.totalAssets]).toEqual([3, 4, 11, 5]);
    expect(preview.sample.some((f) => f.endsWith('.png'))).toBe(false);
  });

  it('never suggests a pattern for assets, nor shows one in a sample', async () => {
    const dir = initRepo();
    commitFiles(dir, WITH_ASSETS, 'FleetOps with images and models');
    const { app, call } = await openApp(dir);
    await app.initWorkspace({});
    const result = await value<PatternSuggestions>(call('suggestModulePatterns', { moduleId: 'drivers-hub', patterns: ['api/**'] }));
    const patterns = result.suggestions.map((s) => s.pattern);
    expect(patterns).toEqual(['src/pages/drivers/**', 'src/components/driver*.tsx']);
    expect(result.suggestions.find((s) => s.pattern === 'src/pages/drivers/**')!.filesAdded).toBe(3);
    for (const s of result.suggestions) expect(s.sample.filter((f) => /\.(png|glb|woff2|fbx)$/.test(f))).toEqual([]);
  });
});
