import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { Workspace } from '../../../../src/main/core/workspace/workspace';
import { initWorkspace } from '../../../../src/main/core/workspace/init';
import { parseManifest } from '../../../../src/main/core/workspace/manifest-store';
import { defaultManifest } from '../../../../src/shared/catalog';
import { cleanupTempDirs, commitFiles, git, initRepo, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);

function refs(dir: string): string {
  return git(dir, 'for-each-ref', '--format=%(refname) %(objectname)');
}

describe('opening and initialising bad input', () => {
  it('names a path that does not exist', async () => {
    await expect(Workspace.open('/no/such/folder/anywhere')).rejects.toMatchObject({ code: 'PATH_NOT_FOUND' });
  });

  it('refuses a folder that is not a repository', async () => {
    const dir = makeTempDir();
    await expect(Workspace.open(dir)).rejects.toMatchObject({ code: 'NOT_A_REPO' });
  });

  it('refuses a bare repository with a hint to clone it', async () => {
    const bare = initRepo({ bare: true });
    await expect(Workspace.open(bare)).rejects.toMatchObject({ code: 'BARE_REPO', message: expect.stringContaining('git clone') });
  });

  it('refuses an empty repository', async () => {
    const empty = initRepo();
    await expect(Workspace.open(empty)).rejects.toMatchObject({ code: 'EMPTY_REPO' });
  });

  it('refuses a subfolder of a repository and names the repository', async () => {
    const dir = initRepo();
    commitFiles(dir, { 'src/a.txt': 'a\n' }, 'first');
    mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
    await expect(Workspace.open(join(dir, 'src'))).rejects.toMatchObject({ code: 'NOT_A_REPO', message: expect.stringContaining(dir) });
  });

  it('names the field of a malformed manifest, and init writes nothing', async () => {
    const dir = initRepo();
    commitFiles(dir, { 'a.txt': 'a\n' }, 'first');
    git(dir, 'checkout', '-q', '-b', 'fleet/workspace');
    const manifest = defaultManifest('main') as { modules: Array<{ id: string }> };
    manifest.modules[3]!.id = '../x';
    commitFiles(dir, { '.fleet/manifest.json': JSON.stringify(manifest) }, 'bad manifest');
    git(dir, 'checkout', '-q', 'main');
    const before = refs(dir);
    await expect(Workspace.open(dir)).rejects.toMatchObject({ code: 'MANIFEST_INVALID', message: expect.stringContaining('modules[3].id') });
    const { GitRepository } = await import('../../../../src/main/core/git/repository');
    await expect(initWorkspace(await GitRepository.open(dir))).rejects.toMatchObject({ code: 'MANIFEST_INVALID' });
    expect(refs(dir)).toBe(before);
  });

  it.each([
    ['a module id with a path in it', (m: ReturnType<typeof defaultManifest>) => (m.modules[0]!.id = '../x'), 'modules[0].id'],
    ['a module id with spaces', (m: ReturnType<typeof defaultManifest>) => (m.modules[1]!.id = 'fleet hub'), 'modules[1].id'],
    ['an uppercase module id', (m: ReturnType<typeof defaultManifest>) => (m.modules[2]!.id = 'FleetHub'), 'modules[2].id'],
    ['a duplicate module id', (m: ReturnType<typeof defaultManifest>) => (m.modules[4]!.id = m.modules[5]!.id), 'modules[5].id'],
    ['an unknown category', (m: ReturnType<typeof defaultManifest>) => (m.modules[6]!.category = 'nope'), 'modules[6].category'],
    ['a base branch with spaces', (m: ReturnType<typeof defaultManifest>) => (m.baseBranch = 'my base'), 'baseBranch'],
    ['a docs folder escaping the tree', (m: ReturnType<typeof defaultManifest>) => (m.docsFolder = '../docs'), 'docsFolder'],
  ])('rejects %s and names the field', (_name, mutate, field) => {
    const manifest = defaultManifest('main');
    mutate(manifest);
    expect(() => parseManifest(JSON.stringify(manifest))).toThrow(field);
  });

  it.each([
    ['at the top', (text: string) => text.replace('{', '{"__proto__": {"baseBranch": "x"},'), '__proto__: the key "__proto__" is not accepted'],
    ['in a module', (text: string) => text.replace('{"id":"fleet-hub"', '{"constructor":1,"id":"fleet-hub"'), 'modules[0].constructor: the key "constructor"'],
    ['in the checks', (text: string) => text.replace('"version":1', '"version":1,"checks":{"command":"npm test","prototype":{}}'), 'checks.prototype'],
  ])('refuses a prototype key %s by name instead of dropping it', (_where, edit, named) => {
    const text = edit(JSON.stringify(defaultManifest('main')));
    expect(text).toMatch(/__proto__|constructor|prototype/);
    expect(() => parseManifest(text)).toThrow(expect.objectContaining({ code: 'MANIFEST_INVALID', message: expect.stringContaining(named) }));
  });

  it('rejects manifest text that is not JSON', () => {
    expect(() => parseManifest('{ nope')).toThrow(/not valid JSON/);
  });
});
