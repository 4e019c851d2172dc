// What `npm run dist` signs and notarizes, decided from the credentials in the environment alone: electron-builder's
// own variables (CSC_LINK/CSC_NAME, WIN_CSC_LINK, APPLE_*), never a keychain identity it happens to find; and the
// options it hands electron-builder's build() with that plan merged in.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const has = (env, ...names) => names.every((name) => Boolean(env[name]));

/** The notarization credentials electron-builder's @electron/notarize step reads, or null. */
export function notarizeCredentials(env) {
  if (has(env, 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER')) return 'APPLE_API_KEY';
  if (has(env, 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID')) return 'APPLE_ID';
  if (has(env, 'APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE')) return 'APPLE_KEYCHAIN_PROFILE';
  return null;
}

/**
 * The plan for `platform`: configuration merged over electron-builder.yml (real booleans: `-c` flags would pass
 * "false" as a string), variables to set, and the lines the build prints about what it signs. Without credentials nothing is signed with a certificate (macOS gets an ad-hoc
 * signature, without which Apple silicon refuses to run it).
 */
export function signingPlan(platform, env) {
  if (platform === 'darwin') {
    const certificate = env.CSC_LINK ? 'CSC_LINK' : env.CSC_NAME ? 'CSC_NAME' : null;
    if (!certificate) {
      return {
        // Ad-hoc signing cannot satisfy the hardened runtime's library validation of Electron's own frameworks.
        config: { mac: { identity: '-', hardenedRuntime: false, notarize: false } },
        env: { CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
        lines: [
          'macOS code signing: off (neither CSC_LINK nor CSC_NAME is set): ad-hoc signature only; Gatekeeper asks before the first open and the app cannot update itself.',
          'macOS notarization: off (it needs a signed app).',
        ],
      };
    }
    const notarize = notarizeCredentials(env);
    return {
      config: { mac: { notarize: Boolean(notarize) } },
      env: {},
      lines: [
        `macOS code signing: on (certificate from ${certificate}).`,
        notarize
          ? `macOS notarization: on (credentials from ${notarize}).`
          : 'macOS notarization: off (set APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER, or APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID).',
      ],
    };
  }
  if (platform === 'win32') {
    const certificate = env.WIN_CSC_LINK ? 'WIN_CSC_LINK' : env.CSC_LINK ? 'CSC_LINK' : null;
    return certificate
      ? { config: {}, env: {}, lines: [`Windows code signing: on (certificate from ${certificate}).`] }
      : {
          config: {},
          env: { CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
          lines: ['Windows code signing: off (neither WIN_CSC_LINK nor CSC_LINK is set): SmartScreen warns before the installer runs.'],
        };
  }
  return { config: {}, env: {}, lines: ['Linux: AppImage and deb are not signed.'] };
}

/** electron-builder's platform key for the machine it runs on (its CLI's --mac, --win, --linux). */
export function platformKey(platform) {
  if (platform === 'darwin') return 'mac';
  if (platform === 'win32') return 'win';
  return 'linux';
}

/** `override` merged into `base` (objects key by key, anything else replaced), neither changed. */
export function mergeConfig(base, override) {
  const merged = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeConfig(current, value) : value;
  }
  return merged;
}

const isPlainObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** electron-builder's build() options: the extra arguments parsed by its own command line, the plan merged over them. */
export function builderOptions(extra, plan, platform) {
  const { configureBuildCommand, createYargs } = require('electron-builder/out/builder');
  const { c: _alias, ...args } = configureBuildCommand(createYargs()).parse(extra);
  const config = typeof args.config === 'string' ? { extends: args.config } : (args.config ?? {});
  const key = platformKey(platform);
  return { ...args, [key]: args[key] ?? [], config: mergeConfig(config, plan.config), publish: args.publish ?? 'never' };
}
