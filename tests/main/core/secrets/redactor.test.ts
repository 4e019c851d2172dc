import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from '../../../../src/main/core/secrets/redactor';
import { FleetError } from '../../../../src/shared/errors';

const TOKEN = 'tok3n-Sup3r+Secret/Value~42';
const KEY = 'K9x!2mQ#loopback-key';
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const b64url = (text: string): string => Buffer.from(text).toString('base64url');

function withSecrets(): Redactor {
  const redactor = new Redactor();
  redactor.register(KEY);
  redactor.registerBasic('x-access-token', TOKEN);
  return redactor;
}

describe('the redactor removes every form of a registered secret', () => {
  const redactor = withSecrets();
  const forms: Array<[string, string]> = [
    ['raw', `refused key ${KEY} for this account`],
    ['raw inside a word', `code=invalid_api_key:${KEY}.`],
    ['base64', `seen ${b64(KEY)} in the header`],
    ['base64 without padding', `seen ${b64(KEY).replace(/=+$/, '')}!`],
    ['base64url', `seen ${b64url(KEY)} in a cookie`],
    ['basic auth base64 of user:token', `Authorisation was ${b64(`x-access-token:${TOKEN}`)}`],
    ['basic auth base64url of user:token', `sent ${b64url(`x-access-token:${TOKEN}`)}`],
    ['base64 of another user name with the token', `sent ${b64(`someone-else:${TOKEN}`)}`],
    ['base64 of the token at another alignment', `sent ${b64(`ab:${TOKEN}`)}`],
    ['URL-encoded', `https://example.com/?key=${encodeURIComponent(KEY)}`],
    ['URL-encoded with lower-case escapes', `?t=${encodeURIComponent(TOKEN).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())}`],
    ['URL-encoded twice', `?t=${encodeURIComponent(encodeURIComponent(TOKEN))}`],
  ];
  for (const [form, text] of forms) {
    it(`removes the ${form} form`, () => {
      const out = redactor.redactText(text);
      expect(out).toContain(REDACTED);
      for (const secret of [KEY, TOKEN]) {
        for (const shape of [secret, b64(secret).replace(/=+$/, ''), b64url(secret), encodeURIComponent(secret)]) expect(out).not.toContain(shape);
      }
      // Any base64 run left must not decode to the secret either.
      for (const run of out.match(/[A-Za-z0-9+/_-]{12,}/g) ?? []) {
        expect(Buffer.from(run, 'base64').toString('latin1')).not.toContain(TOKEN.slice(3, 15));
      }
    });
  }
});

describe('the redactor removes credentials by their shape', () => {
  const redactor = new Redactor();
  const cases: Array<[string, string, string]> = [
    ['user:password@ in a URL', 'cloning https://alice:hunter2pass@git.example.com/repo.git failed', `https://alice:${REDACTED}@git.example.com/repo.git`],
    ['a token as the URL user', 'see https://ghx0123456789abcdefghijklmn@host/x', `https://${REDACTED}@host/x`],
    ['an Authorization header', 'Authorization: Basic dXNlcjpzM2NyZXQ=\r\nHost: x', `Authorization: Basic ${REDACTED}\r\nHost: x`],
    ['a Proxy-Authorization header', 'proxy-authorization: Bearer abc.def.123456', `proxy-authorization: Bearer ${REDACTED}`],
    ['an authorization field in JSON', '{"authorization":"Bearer eyJhbGciOiJIUzI1NiJ9.x1"}', `{"authorization":"Bearer ${REDACTED}"}`],
    ['a bare Bearer token', 'retry with Bearer 9f8e7d6c5b4a39281706abcd now', `retry with Bearer ${REDACTED} now`],
    ['a bare Basic credential', 'got Basic Z2l0OnNlY3JldC10b2tlbg== from you', `got Basic ${REDACTED} from you`],
    ['an OpenAI key', 'Incorrect API key provided: sk-proj-abc123DEF456ghi789JKL.', `Incorrect API key provided: ${REDACTED}.`],
    ['an Anthropic key', 'key sk-ant-api03-AbCdEf0123456789xyz-_Q was refused', `key ${REDACTED} was refused`],
    ['an xAI key', '"code":"xai-9a8b7c6d5e4f3a2b1c0d"', `"code":"${REDACTED}"`],
    ['a GitHub token', 'token ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8', `token ${REDACTED}`],
    ['a fine-grained GitHub token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnop', REDACTED],
    ['a GitLab token', 'glpat-x1y2z3a4b5c6d7e8f9g0', REDACTED],
  ];
  for (const [what, text, expected] of cases) {
    it(`removes ${what}`, () => expect(redactor.redactText(text)).toContain(expected));
  }
});

describe('the redactor leaves ordinary text alone', () => {
  const redactor = withSecrets();
  const ordinary = [
    'commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904 on module/fleet-hub',
    'Merge branch module/sk-learn-pipeline into fleet/integration',
    'risk-assessment and task-management-service need a review',
    'Basic authentication is described in docs/auth.md; Bearer tokens expire.',
    'The server asked for authorization: please sign in.',
    'git@github.com:acme/fleet.git is an SSH address',
    'http://127.0.0.1:8080/v1 answered 429 after 1.5 s',
    'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=',
    'src/main/core/secrets/redactor.ts:42 exported redactText',
    '[redacted] stays [redacted]',
  ];
  for (const text of ordinary) {
    it(`keeps "${text.slice(0, 40)}…"`, () => expect(redactor.redactText(text)).toBe(text));
  }
});

describe('the redactor walks structured values', () => {
  it('redacts strings inside objects, arrays and errors, and keeps everything else', () => {
    const redactor = withSecrets();
    const date = new Date(0);
    const value = {
      ok: false,
      count: 3,
      when: date,
      error: { code: 'AUTH_FAILED', message: `refused ${KEY}`, data: { providerCode: KEY, nested: [{ said: [`Bearer ${TOKEN}`] }] } },
      list: ['plain', `x ${b64(KEY)}`],
    };
    const out = redactor.redact(value);
    expect(JSON.stringify(out)).not.toContain(KEY);
    expect(JSON.stringify(out)).not.toContain(TOKEN);
    expect(out.error.data.providerCode).toBe(REDACTED);
    expect(out.count).toBe(3);
    expect(out.when).toBe(date);
    expect(out.list[0]).toBe('plain');
    expect(value.error.message).toBe(`refused ${KEY}`); // the input is not changed
  });

  it('returns the very same object when nothing needed redacting', () => {
    const redactor = withSecrets();
    const value = { a: ['x', { b: 'commit 4b825dc6' }], n: null };
    expect(redactor.redact(value)).toBe(value);
  });

  it('keeps a FleetError a FleetError with its code, message and data redacted', () => {
    const redactor = withSecrets();
    const error = new FleetError('PROVIDER_ERROR', `bad key ${KEY}`, { providerCode: KEY });
    const out = redactor.redact(error);
    expect(out).toBeInstanceOf(FleetError);
    expect(out.code).toBe('PROVIDER_ERROR');
    expect(out.message).toBe(`bad key ${REDACTED}`);
    expect(out.data).toEqual({ providerCode: REDACTED });
    expect(out.stack).not.toContain(KEY);
  });

  it('ignores secrets too short to match safely and registers each one once', () => {
    const redactor = new Redactor();
    redactor.register('abc');
    redactor.register('');
    redactor.register(null);
    expect(redactor.redactText('abc abcdef')).toBe('abc abcdef');
    redactor.register('abcdef');
    redactor.register('abcdef');
    expect(redactor.redactText('abc abcdef')).toBe(`abc ${REDACTED}`);
  });
});
