// The per-workspace file of confirmed commands: user-only, whole after concurrent confirmations, and trusting
// nothing when it is unreadable or hand-edited out of shape.

import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { TrustStore } from '../../../../src/main/core/trust/trust-store';
import { CommandTrust } from '../../../../src/main/core/trust/command-trust';
import { cleanupTempDirs, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);

describe('trust store', () => {
  it('keeps every confirmation of concurrent calls in a user-only file, the latest text per kind and scope', async () => {
    const store = TrustStore.forWorkspace(makeTempDir('fleet-trust-'), '/repos/fleet');
    await Promise.all([
      store.trust([{ kind: 'check', scope: '*', command: 'npm test' }]),
      store.trust([{ kind: 'check', scope: 'fleet-hub', command: 'make check' }]),
      store.trust([{ kind: 'check', scope: '*', command: 'npm run test:ci' }]),
    ]);
    const read = await store.read();
    expect([...read.keys()]).toEqual(['check:*', 'check:fleet-hub']);
    expect(read.get('check:*')).toMatchObject({ command: 'npm run test:ci', confirmedAt: expect.any(String) });
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(store.file)).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(store.file, 'utf8')).version).toBe(1);
  });

  it('trusts nothing from a corrupt file or from an entry filed under another key, so the user is asked again', async () => {
    const store = TrustStore.forWorkspace(makeTempDir('fleet-trust-'), '/repos/fleet');
    await store.trust([{ kind: 'check', scope: '*', command: 'npm test' }]);
    writeFileSync(store.file, '{"version":1,"commands":{"check:*":');
    expect((await store.read()).size).toBe(0);
    const misfiled = { version: 1, commands: { 'check:*': { kind: 'check', scope: 'fleet-hub', command: 'npm test', confirmedAt: 'x' } } };
    writeFileSync(store.file, JSON.stringify(misfiled));
    expect((await store.read()).size).toBe(0);
    const trust = new CommandTrust(dirname(dirname(dirname(store.file))));
    expect(await trust.needingConsent({ path: '/repos/fleet' }, [{ kind: 'check', scope: '*', command: 'npm test' }])).toEqual([
      { kind: 'check', scope: '*', command: 'npm test', previous: null },
    ]);
  });

  it('keeps workspaces apart: a command confirmed for one repository is not trusted for another', async () => {
    const trust = new CommandTrust(makeTempDir('fleet-trust-'));
    await trust.trustSetByUser({ path: '/repos/one' }, [{ kind: 'check', scope: '*', command: 'npm test' }]);
    expect(await trust.needingConsent({ path: '/repos/one' }, [{ kind: 'check', scope: '*', command: 'npm test' }])).toEqual([]);
    expect(await trust.needingConsent({ path: '/repos/two' }, [{ kind: 'check', scope: '*', command: 'npm test' }])).toHaveLength(1);
  });
});
