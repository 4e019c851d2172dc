// Keys taken out of the environment stay usable: the desktop app's start moves secret-looking variables from
// process.env into memory (what the re-executed serve/check receive on their pipe lands in the same place), and
// the provider key lookup reads them from there.

import { afterAll, describe, expect, it } from 'vitest';
import { createFleetApp } from '../../../../src/main/core/app';
import { keyEnvironment, takeSecretsFromEnvironment } from '../../../../src/main/core/launcher/held-secrets';
import type { ProviderInfo } from '../../../../src/shared/types-agents';
import { cleanupTempDirs, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);

describe('keys held in memory', () => {
  it('are taken out of the environment, found by keyEnvironment(), and used by the provider key lookup', async () => {
    const env: NodeJS.ProcessEnv = { XAI_API_KEY: 'xai-held-in-memory', GITHUB_TOKEN: 'ghp_held', LANG: 'C.UTF-8', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/bus' };
    expect(takeSecretsFromEnvironment(env).sort()).toEqual(['GITHUB_TOKEN', 'XAI_API_KEY']);
    expect(env).toEqual({ LANG: 'C.UTF-8', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/bus' });
    expect(keyEnvironment()).toMatchObject({ XAI_API_KEY: 'xai-held-in-memory', GITHUB_TOKEN: 'ghp_held' });
    expect(process.env.XAI_API_KEY).not.toBe('xai-held-in-memory');

    const app = createFleetApp({ appDataDir: makeTempDir('fleet-appdata-'), transport: 'browser', version: '0.0.0-test', log: () => undefined, watch: false });
    try {
      const providers: ProviderInfo[] = await app.handlers.listProviders({});
      expect(providers.find((p) => p.id === 'xai')).toMatchObject({ keySource: 'environment' });
    } finally {
      await app.dispose();
    }
  });
});
