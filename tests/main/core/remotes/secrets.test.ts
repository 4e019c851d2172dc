import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FileSecretStore, MemorySecretStore } from '../../../../src/main/core/remotes/secret-store';
import { remoteSecretKey, remoteTokenVariable, resolveCredential, storeCredential } from '../../../../src/main/core/remotes/credentials';
import { cleanupTempDirs, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);

describe('the headless secret store', () => {
  it('keeps secrets in a file only its user can read, replaced whole on every change', async () => {
    const dir = makeTempDir();
    const store = new FileSecretStore(dir);
    expect(await store.get('a')).toBeNull();
    await Promise.all([store.set('a', 'token-a'), store.set('b', 'token-b'), store.set('c', 'token-c')]);
    await store.delete('b');
    expect(await store.get('a')).toBe('token-a');
    expect(await store.get('b')).toBeNull();
    expect(await new FileSecretStore(dir).get('c')).toBe('token-c');
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['secrets.json']);
  });

  it('treats a damaged file as empty and rewrites it on the next change', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'secrets.json'), '{not json', { mode: 0o644 });
    const store = new FileSecretStore(dir);
    expect(await store.get('a')).toBeNull();
    await store.set('a', 'x');
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'))).toEqual({ a: 'x' });
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });
});

describe('which credential a remote uses', () => {
  const key = remoteSecretKey('/work/fleet', 'origin');

  it('names the store key by a hash of the workspace path, never the path itself', () => {
    expect(key).toMatch(/^git-remote\/[0-9a-f]{16}\/origin$/);
    expect(remoteTokenVariable('azure-mirror')).toBe('FLEET_GIT_TOKEN_AZURE_MIRROR');
  });

  it('prefers the per-remote variable, then the stored token, then the URL, then FLEET_GIT_TOKEN', async () => {
    const secrets = new MemorySecretStore();
    const lookup = (env: NodeJS.ProcessEnv, fromUrl?: { username: string | null; password: string | null }) => resolveCredential({ secrets, env, key, remote: 'origin', fromUrl });
    expect(await lookup({})).toEqual({ credential: null, source: null });
    expect(await lookup({ FLEET_GIT_TOKEN: 'env' })).toEqual({ credential: { username: 'x-access-token', password: 'env' }, source: 'environment' });
    expect((await lookup({ FLEET_GIT_TOKEN: 'env' }, { username: 'me', password: 'url' })).source).toBe('url');
    await storeCredential(secrets, key, 'stored', 'alice');
    expect(await lookup({ FLEET_GIT_TOKEN: 'env' }, { username: 'me', password: 'url' })).toEqual({ credential: { username: 'alice', password: 'stored' }, source: 'stored' });
    expect(await lookup({ FLEET_GIT_TOKEN_ORIGIN: 'mine', FLEET_GIT_USERNAME: 'bob' })).toEqual({ credential: { username: 'bob', password: 'mine' }, source: 'environment' });
  });
});
