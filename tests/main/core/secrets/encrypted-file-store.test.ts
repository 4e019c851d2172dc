import { afterAll, describe, expect, it } from 'vitest';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EncryptedFileSecretStore, ENCRYPTED_SECRETS_FILE, type SecretCipher } from '../../../../src/main/core/secrets/encrypted-file-store';
import { cleanupTempDirs, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);

/** A real cipher standing in for safeStorage: AES-256-GCM with a random nonce, authenticated. */
function aesGcm(key = randomBytes(32)): SecretCipher {
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]);
    },
    decrypt(encrypted) {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(encrypted.length - 16));
      return Buffer.concat([decipher.update(encrypted.subarray(12, encrypted.length - 16)), decipher.final()]).toString('utf8');
    },
  };
}

const SECRET = 'xai-Very-Secret-Key-0123456789abcdef';

describe('the encrypted secret store (Electron safeStorage adapts to it)', () => {
  it('reads back what it stored, across instances, with changes made at once all kept', async () => {
    const dir = makeTempDir();
    const cipher = aesGcm();
    const store = new EncryptedFileSecretStore(dir, cipher);
    expect(await store.get('provider:xai')).toBeNull();
    await Promise.all([store.set('provider:xai', SECRET), store.set('remote:origin', 'ghp_token-one'), store.set('remote:mirror', 'azure-token-two')]);
    await store.delete('remote:mirror');
    const again = new EncryptedFileSecretStore(dir, cipher);
    expect(await again.get('provider:xai')).toBe(SECRET);
    expect(await again.get('remote:origin')).toBe('ghp_token-one');
    expect(await again.get('remote:mirror')).toBeNull();
    expect(readdirSync(dir)).toEqual([ENCRYPTED_SECRETS_FILE]);
  });

  it('writes a file only its user can read, in which no secret appears in any form', async () => {
    const dir = makeTempDir();
    await new EncryptedFileSecretStore(dir, aesGcm()).set('provider:xai', SECRET);
    const path = join(dir, ENCRYPTED_SECRETS_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('provider:xai');
    for (const form of [SECRET, Buffer.from(SECRET).toString('base64'), Buffer.from(SECRET).toString('hex'), SECRET.slice(4, 20)]) expect(text).not.toContain(form);
  });

  it('reports a damaged file clearly and never overwrites it, so nothing in it is lost', async () => {
    const dir = makeTempDir();
    const path = join(dir, ENCRYPTED_SECRETS_FILE);
    const damaged = '{"format":"fleet-control-secrets/1","secrets":{"provider:xai":"AAAA';
    writeFileSync(path, damaged, { mode: 0o600 });
    const store = new EncryptedFileSecretStore(dir, aesGcm());
    await expect(store.get('provider:xai')).rejects.toMatchObject({ code: 'SECRET_STORE_UNREADABLE', message: expect.stringContaining(`${path} is damaged`) });
    await expect(store.set('remote:origin', 'token')).rejects.toMatchObject({ code: 'SECRET_STORE_UNREADABLE' });
    await expect(store.delete('provider:xai')).rejects.toMatchObject({ code: 'SECRET_STORE_UNREADABLE' });
    expect(readFileSync(path, 'utf8')).toBe(damaged);
  });

  it('names an entry it cannot decrypt (the keyring changed) and keeps it while other entries change', async () => {
    const dir = makeTempDir();
    await new EncryptedFileSecretStore(dir, aesGcm()).set('provider:xai', SECRET);
    const before = JSON.parse(readFileSync(join(dir, ENCRYPTED_SECRETS_FILE), 'utf8')).secrets['provider:xai'];
    const store = new EncryptedFileSecretStore(dir, aesGcm()); // another key: as after a keyring reset
    await expect(store.get('provider:xai')).rejects.toMatchObject({ code: 'SECRET_STORE_UNREADABLE', message: expect.stringContaining('"provider:xai" cannot be decrypted') });
    await store.set('remote:origin', 'ghp_token-one');
    expect(await store.get('remote:origin')).toBe('ghp_token-one');
    expect(JSON.parse(readFileSync(join(dir, ENCRYPTED_SECRETS_FILE), 'utf8')).secrets['provider:xai']).toBe(before);
  });
});

describe('moving secrets from the plain file into the encrypted store', () => {
  it('encrypts what the headless file held on first use, then deletes the plain file', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ 'provider:xai': SECRET, 'remote:origin': 'ghp_token-one' }), { mode: 0o600 });
    const imported: number[] = [];
    const cipher = aesGcm();
    const store = new EncryptedFileSecretStore(dir, cipher, { importPlainFile: join(dir, 'secrets.json'), onImported: (n) => imported.push(n) });
    expect(await store.get('provider:xai')).toBe(SECRET);
    expect(await store.get('remote:origin')).toBe('ghp_token-one');
    expect(imported).toEqual([2]);
    expect(readdirSync(dir)).toEqual([ENCRYPTED_SECRETS_FILE]);
    expect(readFileSync(join(dir, ENCRYPTED_SECRETS_FILE), 'utf8')).not.toContain(SECRET);
    // Nothing to import the next time.
    expect(await new EncryptedFileSecretStore(dir, cipher, { importPlainFile: join(dir, 'secrets.json'), onImported: (n) => imported.push(n) }).get('provider:xai')).toBe(SECRET);
    expect(imported).toEqual([2]);
  });

  it('keeps the plain file when the encrypted store is damaged, so neither loses a secret', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ 'provider:xai': SECRET }), { mode: 0o600 });
    writeFileSync(join(dir, ENCRYPTED_SECRETS_FILE), 'not json', { mode: 0o600 });
    const store = new EncryptedFileSecretStore(dir, aesGcm(), { importPlainFile: join(dir, 'secrets.json') });
    await expect(store.get('provider:xai')).rejects.toMatchObject({ code: 'SECRET_STORE_UNREADABLE' });
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'))).toEqual({ 'provider:xai': SECRET });
    expect(readFileSync(join(dir, ENCRYPTED_SECRETS_FILE), 'utf8')).toBe('not json');
  });
});
