import { describe, expect, it } from 'vitest';
import { isSshUrl, parseRemoteUrl, redactUrl } from '../../../../src/main/core/remotes/remote-url';
import { FleetError } from '../../../../src/shared/errors';

function refusal(text: string): FleetError {
  try {
    parseRemoteUrl(text);
  } catch (error) {
    if (error instanceof FleetError) return error;
    throw error;
  }
  throw new Error(`"${text}" was accepted`);
}

describe('remote URLs', () => {
  it.each([
    ['git@github.com:acme/fleet.git', 'https://github.com/acme/fleet.git'],
    ['github.com:acme/fleet.git', 'https://github.com/acme/fleet.git'],
    ['ssh://git@github.com/acme/fleet.git', 'https://github.com/acme/fleet.git'],
    ['ssh://git@gitlab.example.com:2222/team/fleet.git', 'https://gitlab.example.com/team/fleet.git'],
    ['git+ssh://git@github.com/acme/fleet.git', 'https://github.com/acme/fleet.git'],
    ['git@ssh.dev.azure.com:v3/acme/Fleet/fleet-api', 'https://dev.azure.com/acme/Fleet/_git/fleet-api'],
    ['acme@vs-ssh.visualstudio.com:v3/acme/Fleet/fleet-api', 'https://acme.visualstudio.com/Fleet/_git/fleet-api'],
  ])('refuses the SSH address %s and offers %s', (ssh, https) => {
    expect(isSshUrl(ssh)).toBe(true);
    const error = refusal(ssh);
    expect(error.code).toBe('SSH_UNSUPPORTED');
    expect(error.data?.httpsUrl).toBe(https);
    expect(error.message).toContain(https);
    expect(error.message).toMatch(/HTTPS/);
  });

  it('accepts HTTPS and HTTP addresses, dropping a trailing slash', () => {
    expect(parseRemoteUrl('https://github.com/acme/fleet.git')).toEqual({ url: 'https://github.com/acme/fleet.git', username: null, password: null });
    expect(parseRemoteUrl('  http://127.0.0.1:8080/fleet.git/ ').url).toBe('http://127.0.0.1:8080/fleet.git');
    expect(isSshUrl('https://github.com/acme/fleet.git')).toBe(false);
  });

  it('splits a user name and token written into the URL from the address', () => {
    expect(parseRemoteUrl('https://me:ghp_abc%2F1@github.com/acme/fleet.git')).toEqual({ url: 'https://github.com/acme/fleet.git', username: 'me', password: 'ghp_abc/1' });
    expect(redactUrl('https://me:ghp_abc@github.com/acme/fleet.git')).toBe('https://github.com/acme/fleet.git');
  });

  it.each([
    ['', /empty/],
    ['https://', /well-formed/],
    ['https://github.com/acme/my fleet.git', /spaces/],
    ['/srv/git/fleet.git', /local paths/],
    ['C:\\repos\\fleet', /local paths/],
    ['ftp://example.com/fleet.git', /ftp:\/\/ scheme/],
    ['git://example.com/fleet.git', /git:\/\/ protocol/],
  ])('refuses the malformed or unsupported address %j with INVALID_URL', (text, why) => {
    const error = refusal(text);
    expect(error.code).toBe('INVALID_URL');
    expect(error.message).toMatch(why);
  });
});
