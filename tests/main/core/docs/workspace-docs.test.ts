import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createFleetApp, type FleetApp } from '../../../../src/main/core/app';
import { createDispatcher } from '../../../../src/main/api';
import { cleanupTempDirs, commitFiles, git, initRepo, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);
const apps: FleetApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.dispose();
});

describe('workspace documents', () => {
  it('open, draft and commit on the workspace branch, never on the base branch', async () => {
    const dir = initRepo();
    commitFiles(dir, { 'README.md': '# app\n' }, 'first');
    const app = createFleetApp({ appDataDir: makeTempDir('fleet-appdata-'), transport: 'browser', version: 't', watch: false });
    apps.push(app);
    const { call } = createDispatcher(app.handlers, () => undefined);
    await app.openWorkspace(dir);
    expect(await call('readWorkspaceDocument', { name: 'USER_GUIDE.md' })).toMatchObject({ ok: false, error: { code: 'NOT_INITIALISED' } });
    await app.initWorkspace({});
    const mainTip = git(dir, 'rev-parse', 'main');

    const doc = await call('readWorkspaceDocument', { name: 'USER_GUIDE.md' });
    expect(doc).toMatchObject({ ok: true, value: { state: 'missing', content: null } });
    const tip = (doc as { value: { branchTip: string } }).value.branchTip;
    await call('saveWorkspaceDraft', { name: 'USER_GUIDE.md', content: '# Guide\n', baseBlobId: null, baseTip: tip });
    expect(await call('getWorkspaceDraft', { name: 'USER_GUIDE.md' })).toMatchObject({ ok: true, value: { content: '# Guide\n' } });
    expect(await call('commitWorkspaceDocument', { name: 'USER_GUIDE.md', expectedTip: tip, content: '# Guide\n', message: '' })).toMatchObject({ ok: true });

    expect(git(dir, 'show', 'fleet/workspace:enhancements/USER_GUIDE.md')).toBe('# Guide');
    expect(git(dir, 'rev-parse', 'main')).toBe(mainTip);
    expect(await call('getWorkspaceDraft', { name: 'USER_GUIDE.md' })).toMatchObject({ ok: true, value: null });
    expect(await call('readWorkspaceDocument', { name: '../README.md' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses to commit when the workspace branch is the one checked out', async () => {
    const dir = initRepo();
    commitFiles(dir, { 'README.md': '# app\n' }, 'first');
    const app = createFleetApp({ appDataDir: makeTempDir('fleet-appdata-'), transport: 'browser', version: 't', watch: false });
    apps.push(app);
    const { call } = createDispatcher(app.handlers, () => undefined);
    await app.openWorkspace(dir);
    await app.initWorkspace({});
    git(dir, 'checkout', '-q', 'fleet/workspace');
    const tip = git(dir, 'rev-parse', 'fleet/workspace');
    const result = await call('commitWorkspaceDocument', { name: 'MERGE_STRATEGY.md', expectedTip: tip, content: 'x\n', message: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'BRANCH_CHECKED_OUT', message: expect.stringContaining('fleet/workspace') } });
    expect(git(dir, 'rev-parse', 'fleet/workspace')).toBe(tip);
  });
});
