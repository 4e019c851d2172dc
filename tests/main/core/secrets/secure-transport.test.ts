import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopbackHost, isPlainHttpToOtherHost } from '../../../../src/shared/transport-security';
import { createProviderClient } from '../../../../src/main/core/agents/providers/client-factory';
import { resolveEndpoint } from '../../../../src/main/core/remotes/remote-endpoint';
import { nodeHttpClient } from '../../../../src/main/core/remotes/http-transport';
import { GitHubClient } from '../../../../src/main/core/pulls/github-client';
import { MemorySecretStore } from '../../../../src/main/core/remotes/secret-store';
import type { ProviderConfig } from '../../../../src/shared/providers';
import { FleetError } from '../../../../src/shared/errors';

const OTHER_HOST = 'http://192.0.2.10:8080'; // TEST-NET-1: nothing answers there, so a request would hang, not pass
const provider = (baseUrl: string): ProviderConfig => ({
  id: 'lan',
  title: 'LAN server',
  kind: 'openai-compatible',
  baseUrl,
  models: ['m'],
  defaultModel: 'm',
  keyEnv: null,
  needsKey: false,
  contextWindow: 8_000,
  contextTokens: 4_000,
  maxOutputTokens: 1_000,
  stallSeconds: 5,
});

function refusal(run: () => unknown): FleetError {
  try {
    run();
  } catch (error) {
    return error as FleetError;
  }
  throw new Error('expected INSECURE_TRANSPORT');
}

describe('which addresses may carry a credential over plain HTTP', () => {
  it('treats localhost, 127.0.0.0/8 and ::1 as this computer and everything else as another', () => {
    for (const host of ['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['192.168.1.5', '10.0.0.1', '0.0.0.0', 'localhost.example.com', '127.0.0.1.nip.io', 'example.com', '::2']) expect(isLoopbackHost(host), host).toBe(false);
  });

  it('flags plain http:// to another computer only', () => {
    expect(isPlainHttpToOtherHost('http://git.example.com/repo.git')).toBe(true);
    expect(isPlainHttpToOtherHost('HTTP://192.168.1.5:11434/v1')).toBe(true);
    expect(isPlainHttpToOtherHost('https://git.example.com/repo.git')).toBe(false);
    expect(isPlainHttpToOtherHost('http://127.0.0.1:1234/v1')).toBe(false);
    expect(isPlainHttpToOtherHost('http://[::1]:1234/v1')).toBe(false);
    expect(isPlainHttpToOtherHost('not a url')).toBe(false);
  });
});

describe('credentials are never attached to plain HTTP to another computer', () => {
  it('refuses a provider key for an http:// base URL on another host, naming the URL, and allows it without a key', () => {
    const error = refusal(() => createProviderClient(provider(`${OTHER_HOST}/v1`), 'sk-lan-key-0123456789'));
    expect(error).toBeInstanceOf(FleetError);
    expect(error.code).toBe('INSECURE_TRANSPORT');
    expect(error.message).toContain(`${OTHER_HOST}/v1 is plain HTTP to another computer, so the LAN server key was not sent`);
    expect(error.message).not.toContain('sk-lan-key');
    expect(() => createProviderClient(provider(`${OTHER_HOST}/v1`), null)).not.toThrow();
    expect(() => createProviderClient(provider('https://api.example.com/v1'), 'sk-lan-key-0123456789')).not.toThrow();
    expect(() => createProviderClient(provider('http://localhost:1234/v1'), 'sk-lan-key-0123456789')).not.toThrow();
  });

  it('refuses a remote token for an http:// remote on another host (the URL shown without its credentials), and sends nothing', async () => {
    const services = { secrets: new MemorySecretStore(), env: {}, http: nodeHttpClient, agent: 'fleet-control/test' };
    const entry = { name: 'lan', url: `http://me:tok3n-in-url@192.0.2.10:8080/repo.git`, pushUrl: null };
    const error = await resolveEndpoint(services, '/ws', entry, 'push').catch((e: unknown) => e as FleetError);
    expect(error).toMatchObject({ code: 'INSECURE_TRANSPORT', data: { url: `${OTHER_HOST}/repo.git` } });
    expect((error as FleetError).message).not.toContain('tok3n-in-url');
    // Without a credential the remote can still be used (a public repository).
    const anonymous = await resolveEndpoint(services, '/ws', { name: 'lan', url: `${OTHER_HOST}/repo.git`, pushUrl: null }, 'fetch');
    expect(anonymous.headers.Authorization).toBeUndefined();
  });

  it('refuses a GitHub API address over plain HTTP to another host before calling it', async () => {
    const client = new GitHubClient({ apiBase: `${OTHER_HOST}/api/v3`, token: 'ghp_lan0123456789abcdefghij', userAgent: 'test' });
    await expect(client.send('GET', '/repos/a/b/pulls')).rejects.toMatchObject({ code: 'INSECURE_TRANSPORT' });
  });

  describe('a redirect', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      server = createServer((_request, response) => response.writeHead(302, { Location: `${OTHER_HOST}/moved.git/info/refs?service=git-upload-pack` }).end());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/repo.git/info/refs?service=git-upload-pack`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('does not carry the credential to plain HTTP on another host', async () => {
      const request = nodeHttpClient({ method: 'GET', url, headers: { Authorization: 'Basic eC1hY2Nlc3MtdG9rZW46c2VjcmV0' } });
      await expect(request).rejects.toMatchObject({ code: 'INSECURE_TRANSPORT', data: { url: `${OTHER_HOST}/moved.git/info/refs` } });
    });
  });
});
