import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFleetApp, type FleetApp } from '../../../../src/main/core/app';
import { createDispatcher, type ContractDispatcher } from '../../../../src/main/api';
import { cleanupTempDirs, commitFiles, git, initRepo, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);
const apps: FleetApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.dispose();
});

async function setup(): Promise<{ dir: string; app: FleetApp; call: ContractDispatcher['call']; appDataDir: string }> {
  const dir = initRepo();
  commitFiles(dir, { 'README.md': '# app\n', 'web/src/pages/FleetPage.tsx': 'export {}\n' }, 'first');
  const appDataDir = makeTempDir('fleet-appdata-');
  const app = createFleetApp({ appDataDir, transport: 'browser', version: 't', watch: false, log: () => undefined });
  apps.push(app);
  await app.openWorkspace(dir);
  await app.initWorkspace({});
  const dispatcher = createDispatcher(app.handlers, () => undefined);
  return { dir, app, call: (m, i) => dispatcher.call(m, i), appDataDir };
}

function value<T>(envelope: { ok: boolean; value?: unknown; error?: unknown }): T {
  if (!envelope.ok) throw new Error(`call failed: ${JSON.stringify(envelope.error)}`);
  return envelope.value as T;
}

describe('module documents through the contract', () => {
  it('keeps a draft, shows it on the board, and clears it when the document is committed', async () => {
    const { dir, call } = await setup();
    const doc = value<{ branchTip: string; blobId: string }>(await call('readDocument', { moduleId: 'fleet-hub', kind: 'as-is' }));
    expect(doc.branchTip).toBe(git(dir, 'rev-parse', 'module/fleet-hub'));
    value(await call('saveDraft', { moduleId: 'fleet-hub', kind: 'as-is', content: '# Draft\n', baseBlobId: doc.blobId, baseTip: doc.branchTip }));
    const board = value<{ modules: Array<{ id: string; draftKinds: string[] }> }>(await call('getBoard', {}));
    expect(board.modules.find((m) => m.id === 'fleet-hub')!.draftKinds).toEqual(['as-is']);
    expect(value<{ content: string }>(await call('getDraft', { moduleId: 'fleet-hub', kind: 'as-is' })).content).toBe('# Draft\n');

    const result = value<{ commit: string }>(
      await call('commitDocuments', { moduleId: 'fleet-hub', expectedTip: doc.branchTip, changes: [{ kind: 'as-is', content: '# Draft\n' }], message: '' }),
    );
    expect(git(dir, 'rev-parse', 'module/fleet-hub')).toBe(result.commit);
    expect(git(dir, 'log', '-1', '--format=%s', 'module/fleet-hub')).toBe('Fleet Hub: update as-is');
    expect(value(await call('getDraft', { moduleId: 'fleet-hub', kind: 'as-is' }))).toBeNull();
    expect(value<unknown[]>(await call('listDrafts', {}))).toEqual([]);
  });

  it('records approval in the front matter and the board follows', async () => {
    const { dir, call } = await setup();
    const written = '---\nmodule: fleet-hub\napproved: false\n---\n# Fleet Hub: To-Be Design\n\nThe fleet page gets a status filter.\n';
    const tip = value<{ commit: string }>(
      await call('commitDocuments', { moduleId: 'fleet-hub', expectedTip: git(dir, 'rev-parse', 'module/fleet-hub'), changes: [{ kind: 'to-be', content: written }], message: 'design' }),
    ).commit;
    value(await call('approveDocument', { moduleId: 'fleet-hub', kind: 'to-be', expectedTip: tip, approved: true }));
    expect(git(dir, 'show', 'module/fleet-hub:enhancements/fleet-hub/TO_BE_DESIGN.md')).toMatch(/^approved: \d{4}-\d\d-\d\d by .+$/m);
    const board = value<{ modules: Array<{ id: string; docs: Array<{ kind: string; state: string }> }> }>(await call('getBoard', {}));
    expect(board.modules.find((m) => m.id === 'fleet-hub')!.docs.find((d) => d.kind === 'to-be')!.state).toBe('approved');
  });

  it('lists the history of a document and reads earlier versions, the base, and another module', async () => {
    const { dir, call } = await setup();
    const first = git(dir, 'rev-parse', 'module/fleet-hub');
    const second = value<{ commit: string }>(
      await call('commitDocuments', { moduleId: 'fleet-hub', expectedTip: first, changes: [{ kind: 'as-is', content: 'v2\n' }], message: 'v2' }),
    ).commit;
    value(await call('commitDocuments', { moduleId: 'fleet-hub', expectedTip: second, changes: [{ kind: 'to-be', content: 'other doc\n' }], message: 'to-be only' }));
    const history = value<Array<{ commit: string; subject: string }>>(await call('documentHistory', { moduleId: 'fleet-hub', kind: 'as-is' }));
    expect(history.map((h) => h.commit)).toEqual([second, first]);
    expect(history[0]!.subject).toBe('v2');

    const old = value<{ content: string }>(await call('readDocumentVersion', { moduleId: 'fleet-hub', kind: 'as-is', target: { type: 'commit', commit: first } }));
    expect(old.content).toContain('# Fleet Hub: As-Is Analysis');
    const base = value<{ content: string | null; label: string }>(await call('readDocumentVersion', { moduleId: 'fleet-hub', kind: 'as-is', target: { type: 'base' } }));
    expect(base).toMatchObject({ content: null, label: 'main' });
    const other = value<{ content: string }>(await call('readDocumentVersion', { moduleId: 'fleet-hub', kind: 'as-is', target: { type: 'module', moduleId: 'drivers-hub' } }));
    expect(other.content).toContain('# Drivers Hub: As-Is Analysis');
  });

  it('refuses paths outside the module folder whatever the client sends', async () => {
    const { call } = await setup();
    for (const input of [
      { moduleId: '../../etc', kind: 'as-is' },
      { moduleId: 'fleet-hub', kind: '../../README.md' },
      { moduleId: 'fleet-hub', kind: 'as-is', path: 'README.md' },
    ]) {
      expect(await call('readDocument', input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(
      await call('commitDocuments', { moduleId: 'fleet-hub', expectedTip: 'a'.repeat(40), changes: [{ kind: 'as-is', content: 'x', path: '/etc/passwd' }], message: '' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('opens and saves a 5 MB document; a binary document opens read-only', async () => {
    const { dir, call } = await setup();
    const big = `# Big\n${'0123456789abcdef'.repeat(5 * 65536)}\n`;
    const tip = git(dir, 'rev-parse', 'module/fleet-hub');
    value(await call('commitDocuments', { moduleId: 'fleet-hub', expectedTip: tip, changes: [{ kind: 'test-plan', content: big }], message: 'big' }));
    const read = value<{ content: string }>(await call('readDocument', { moduleId: 'fleet-hub', kind: 'test-plan' }));
    expect(read.content.length).toBe(big.length);

    const wt = join(makeTempDir(), 'wt');
    git(dir, 'worktree', 'add', '-q', wt, 'module/drivers-hub');
    writeFileSync(join(wt, 'enhancements/drivers-hub/TEST_PLAN.md'), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    git(wt, 'commit', '-qam', 'binary');
    git(dir, 'worktree', 'remove', '--force', wt);
    const binary = value<{ content: string | null; binary: boolean }>(await call('readDocument', { moduleId: 'drivers-hub', kind: 'test-plan' }));
    expect(binary).toMatchObject({ content: null, binary: true });
  });

  it('waits briefly for a git lock held by another process, then reports it clearly', async () => {
    const { dir, call } = await setup();
    const tip = git(dir, 'rev-parse', 'module/fleet-hub');
    writeFileSync(join(dir, '.git/refs/heads/module/fleet-hub.lock'), '');
    const started = Date.now();
    const result = await call('commitDocuments', { moduleId: 'fleet-hub', expectedTip: tip, changes: [{ kind: 'as-is', content: 'x\n' }], message: 'x' });
    expect(Date.now() - started).toBeGreaterThan(500);
    expect(result).toMatchObject({ ok: false, error: { code: 'LOCKED', message: expect.stringContaining('fleet-hub.lock') } });
    expect(git(dir, 'rev-parse', 'module/fleet-hub')).toBe(tip);
  });
});
