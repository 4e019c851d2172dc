import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../../src/main/core/secrets/redactor';
import { registerEnvironmentSecrets, registeringSecretStore } from '../../../../src/main/core/secrets/known-secrets';
import { MemorySecretStore } from '../../../../src/main/core/remotes/secret-store';

describe('secrets are known to the redactor from the moment main reads or stores them', () => {
  it('registers the values of credential variables, and only those', () => {
    const redactor = new Redactor();
    const env = {
      XAI_API_KEY: 'xai-env-value-one',
      OPENAI_API_KEY: 'openai-env-value',
      FLEET_GIT_TOKEN: 'git-token-value',
      FLEET_GIT_TOKEN_ORIGIN: 'origin-token-value',
      GITHUB_TOKEN: 'github-token-value',
      AWS_SECRET_ACCESS_KEY: 'aws-secret-value',
      LOCAL_LLM: 'custom-provider-value',
      HOME: '/home/someone',
      PATH: '/usr/bin:/bin',
      FLEET_GIT_USERNAME: 'fleet-bot-user',
    };
    registerEnvironmentSecrets(env, ['LOCAL_LLM'], redactor);
    const text = Object.values(env).join(' ');
    expect(redactor.redactText(text)).toBe('[redacted] [redacted] [redacted] [redacted] [redacted] [redacted] [redacted] /home/someone /usr/bin:/bin fleet-bot-user');
  });

  it('registers what a secret store reads and stores, including the token inside a stored remote credential', async () => {
    const redactor = new Redactor();
    const inner = new MemorySecretStore();
    await inner.set('agent-key:xai', 'stored-provider-key');
    const store = registeringSecretStore(inner, redactor);
    await store.set('git-remote/ws/origin', JSON.stringify({ username: 'fleet-bot', token: 'stored-remote-token' }));
    expect(redactor.redactText('stored-remote-token stored-provider-key')).toBe('[redacted] stored-provider-key');
    expect(await store.get('agent-key:xai')).toBe('stored-provider-key');
    expect(redactor.redactText('stored-provider-key')).toBe('[redacted]');
    expect(redactor.redactText(Buffer.from('fleet-bot:stored-remote-token').toString('base64'))).toBe('[redacted]');
  });
});
