// `npm run dist` signs and notarizes only with credentials from the environment, says which, and hands electron-builder
// real booleans merged over the user's own -c options (parsed by electron-builder's command line).

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { builderOptions, notarizeCredentials, signingPlan } from '../../scripts/dist-signing.mjs';

const require = createRequire(join(__dirname, '..', '..', 'package.json'));
const { normalizeOptions } = require('electron-builder/out/builder') as { normalizeOptions: (options: object) => { config: Record<string, unknown>; publish: string } };

describe('signingPlan', () => {
  it('builds an ad-hoc signed, unnotarized macOS app without a certificate, and never searches the keychain', () => {
    const plan = signingPlan('darwin', { APPLE_ID: 'a', APPLE_APP_SPECIFIC_PASSWORD: 'b', APPLE_TEAM_ID: 'c' });
    expect(plan.config).toEqual({ mac: { identity: '-', hardenedRuntime: false, notarize: false } });
    expect(plan.env).toEqual({ CSC_IDENTITY_AUTO_DISCOVERY: 'false' });
    expect(plan.lines.join('\n')).toMatch(/code signing: off \(neither CSC_LINK nor CSC_NAME is set\)[\s\S]*notarization: off/);
  });

  it('signs with CSC_LINK and notarizes only with a complete set of Apple credentials', () => {
    expect(signingPlan('darwin', { CSC_LINK: 'cert.p12' })).toMatchObject({ config: { mac: { notarize: false } }, env: {} });
    const full = signingPlan('darwin', { CSC_LINK: 'cert.p12', APPLE_API_KEY: 'k.p8', APPLE_API_KEY_ID: 'id', APPLE_API_ISSUER: 'iss' });
    expect(full.config).toEqual({ mac: { notarize: true } });
    expect(full.lines).toEqual(['macOS code signing: on (certificate from CSC_LINK).', 'macOS notarization: on (credentials from APPLE_API_KEY).']);
    expect(notarizeCredentials({ APPLE_ID: 'a', APPLE_TEAM_ID: 'c' })).toBeNull();
    expect(notarizeCredentials({ APPLE_KEYCHAIN: 'k', APPLE_KEYCHAIN_PROFILE: 'p' })).toBe('APPLE_KEYCHAIN_PROFILE');
  });

  it('signs the Windows installer only with WIN_CSC_LINK or CSC_LINK', () => {
    expect(signingPlan('win32', {})).toMatchObject({ env: { CSC_IDENTITY_AUTO_DISCOVERY: 'false' }, lines: [expect.stringMatching(/^Windows code signing: off/)] });
    expect(signingPlan('win32', { WIN_CSC_LINK: 'cert.pfx' }).lines).toEqual(['Windows code signing: on (certificate from WIN_CSC_LINK).']);
    expect(signingPlan('linux', { CSC_LINK: 'x' }).lines).toEqual(['Linux: AppImage and deb are not signed.']);
  });
});

describe('builderOptions', () => {
  it("merges the plan over the user's -c options as electron-builder reads them, and publishes nothing unless asked", () => {
    const options = normalizeOptions(builderOptions(['-c.publish.owner=someone', '-c.mac.category=x'], signingPlan('darwin', {}), 'darwin'));
    expect(options.config).toEqual({ publish: { owner: 'someone' }, mac: { category: 'x', identity: '-', hardenedRuntime: false, notarize: false } });
    expect(options.publish).toBe('never');
    expect(normalizeOptions(builderOptions(['--publish', 'always'], signingPlan('linux', {}), 'linux')).publish).toBe('always');
  });
});
