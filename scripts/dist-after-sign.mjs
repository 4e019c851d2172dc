// electron-builder's afterSign hook (it runs only when something was signed): says what the app was signed with,
// as the system reads it back (codesign on macOS), so the build log shows what happened, not only what was asked.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** @param {import('app-builder-lib').AfterPackContext} context */
export default async function afterSign(context) {
  const platform = context.electronPlatformName;
  if (platform !== 'darwin' && platform !== 'mas') {
    console.log(`  • signed  platform=${platform} appOutDir=${context.appOutDir}`);
    return;
  }
  const app = join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`);
  const result = spawnSync('codesign', ['--display', '--verbose=2', app], { encoding: 'utf8' });
  const details = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const authority = details.split('\n').find((line) => line.startsWith('Authority='));
  const adHoc = /Signature=adhoc/.test(details);
  console.log(`  • signed  app=${app} by=${authority ? authority.slice('Authority='.length) : adHoc ? 'ad-hoc signature' : 'unknown (codesign said nothing)'}`);
}
