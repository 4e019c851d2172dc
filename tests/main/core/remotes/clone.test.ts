import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloneRepository } from '../../../../src/main/core/remotes/clone';
import { remoteSecretKey } from '../../../../src/main/core/remotes/credentials';
import { Workspace } from '../../../../src/main/core/workspace/workspace';
import { FleetError } from '../../../../src/shared/errors';
import { GitHttpServer, gitAsync } from '../../../helpers/git-http-server';
import { cleanupTempDirs, git, makeTempDir } from '../../../helpers/git';
import { TOKEN, initialisedWorkspace, remoteServices } from './remote-fixture';
import { commitTree, writeBlob, writeRawTree } from '../checkout/crafted-trees';

let server: GitHttpServer;
let source: Workspace;
beforeAll(async () => {
  server = await GitHttpServer.start({ token: TOKEN });
  server.createBareRepo('fleet');
  source = await initialisedWorkspace();
  await gitAsync(source.path, 'push', '-q', server.authUrl('fleet'), '--all');
});
afterAll(async () => {
  await server.stop();
  cleanupTempDirs();
});

async function failure(promise: Promise<unknown>): Promise<FleetError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof FleetError)) throw new Error(`expected a FleetError, got ${String(error)}`);
  return error;
}

describe('clone', () => {
  it('clones into a new folder with progress, keeps the token for origin, and opens as an initialised workspace', async () => {
    const services = remoteServices();
    const target = join(makeTempDir(), 'nested', 'fleet');
    const phases = new Set<string>();
    const result = await cloneRepository(services, { url: server.url('fleet'), path: target, token: TOKEN, onProgress: (_done, _total, phase) => phases.add(phase) });

    expect(result).toEqual({ path: target, url: server.url('fleet'), defaultBranch: 'main' });
    expect(phases.size).toBeGreaterThan(1);
    expect(git(target, 'status', '--porcelain')).toBe('');
    expect(git(target, 'rev-parse', 'module/fleet-hub')).toBe(git(source.path, 'rev-parse', 'module/fleet-hub'));
    expect(git(target, 'remote', 'get-url', 'origin')).toBe(server.url('fleet'));
    expect(git(target, 'fsck', '--no-progress')).toBe('');
    expect(await services.secrets.get(remoteSecretKey(target, 'origin'))).toContain(TOKEN);

    const workspace = await Workspace.open(target);
    expect(workspace.initialised).toBe(true);
    expect(workspace.manifest.modules).toHaveLength(32);
  });

  it('refuses a folder that is not empty and leaves it as it was', async () => {
    const target = makeTempDir();
    writeFileSync(join(target, 'notes.txt'), 'mine\n');
    const error = await failure(cloneRepository(remoteServices(), { url: server.url('fleet'), path: target, token: TOKEN }));
    expect(error.code).toBe('TARGET_NOT_EMPTY');
    expect(readdirSync(target)).toEqual(['notes.txt']);
  });

  it('removes everything it created when the clone fails', async () => {
    const parent = makeTempDir();
    const error = await failure(cloneRepository(remoteServices(), { url: server.url('fleet'), path: join(parent, 'a', 'b'), token: 'wrong' }));
    expect(error.code).toBe('AUTH_FAILED');
    expect(readdirSync(parent)).toEqual([]);

    const empty = join(parent, 'empty');
    mkdirSync(empty);
    const missing = await failure(cloneRepository(remoteServices({ FLEET_GIT_TOKEN: TOKEN }), { url: server.url('no-such-repo'), path: empty }));
    expect(missing.code).toBe('REMOTE_NOT_FOUND');
    expect(existsSync(empty) && readdirSync(empty)).toEqual([]);
  });

  it('explains a remote whose HEAD names no branch, and keeps nothing', async () => {
    server.createBareRepo('headless');
    await gitAsync(source.path, 'push', '-q', server.authUrl('headless'), 'module/fleet-hub');
    const target = join(makeTempDir(), 'headless');
    const error = await failure(cloneRepository(remoteServices({ FLEET_GIT_TOKEN: TOKEN }), { url: server.url('headless'), path: target }));
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toMatch(/has no default branch/);
    expect(existsSync(target)).toBe(false);
  });

  it.runIf(process.platform === 'linux')('refuses a folder on procfs or sysfs at once, by name, instead of spinning in mkdir', async () => {
    for (const [path, fileSystem] of [['/proc/self/fleet/clone', 'procfs'], ['/proc/fleet-clone', 'procfs'], ['/sys/fleet-clone', 'sysfs']] as const) {
      const error = await failure(cloneRepository(remoteServices(), { url: server.url('fleet'), path, token: TOKEN }));
      expect(error, path).toMatchObject({ code: 'TARGET_NOT_WRITABLE', data: { path, reason: 'virtual-file-system', fileSystem } });
      expect(error.message).toBe(`${path} is on ${fileSystem}, a virtual file system that holds no files. Pick a folder on a disk, such as one in your home folder.`);
      expect(existsSync(path)).toBe(false);
    }
  });

  it('refuses a folder inside a file, naming the file', async () => {
    const file = join(makeTempDir(), 'notes.txt');
    writeFileSync(file, 'mine\n');
    const error = await failure(cloneRepository(remoteServices(), { url: server.url('fleet'), path: join(file, 'fleet'), token: TOKEN }));
    expect(error).toMatchObject({ code: 'TARGET_NOT_WRITABLE', data: { reason: 'not-a-folder', existing: file } });
  });

  it('refuses an SSH address before creating anything, offering the HTTPS form', async () => {
    const target = join(makeTempDir(), 'fleet');
    const error = await failure(cloneRepository(remoteServices(), { url: 'git@github.com:acme/fleet.git', path: target }));
    expect(error).toMatchObject({ code: 'SSH_UNSUPPORTED', data: { httpsUrl: 'https://github.com/acme/fleet.git' } });
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a default branch whose tree is crafted before writing any file, and keeps nothing', async () => {
    const crafted = makeTempDir('fleet-crafted-src-');
    git(crafted, 'init', '-q', '-b', 'main');
    const outsideFile = join(makeTempDir('fleet-outside-'), 'precious.txt');
    writeFileSync(outsideFile, 'original\n');
    const tree = writeRawTree(crafted, [
      { mode: '120000', name: 'EVIL', oid: writeBlob(crafted, outsideFile) },
      { mode: '100644', name: 'evil', oid: writeBlob(crafted, 'pwned\n') },
    ]);
    commitTree(crafted, tree, 'main');
    server.createBareRepo('crafted');
    await gitAsync(crafted, 'push', '-q', server.authUrl('crafted'), 'main');

    const target = join(makeTempDir(), 'crafted');
    const error = await failure(cloneRepository(remoteServices({ FLEET_GIT_TOKEN: TOKEN }), { url: server.url('crafted'), path: target }));
    expect(error.code).toBe('UNSAFE_TREE');
    expect(error.message).toContain('"evil" is the same name as "EVIL"');
    expect(existsSync(target)).toBe(false);
    expect(readFileSync(outsideFile, 'utf8')).toBe('original\n');
  });
});
