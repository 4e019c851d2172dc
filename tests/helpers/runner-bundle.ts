// The single-file CLI of `npm run build:runner`, built once per test file into a temp folder (so a test never runs a
// stale bundle), for the tests that run it as a CI runner would.

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { makeTempDir } from './git';

const ROOT = join(__dirname, '..', '..');
let built: Promise<string> | null = null;

/** The path of a freshly built fleet-control.cjs. */
export function buildRunnerBundle(): Promise<string> {
  built ??= new Promise((resolve, reject) => {
    const outDir = makeTempDir('fleet-runner-bundle-');
    execFile(process.execPath, [join(ROOT, 'scripts', 'build-runner.mjs')], { cwd: ROOT, env: { ...process.env, FLEET_RUNNER_OUT_DIR: outDir }, timeout: 300_000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`npm run build:runner failed: ${stderr || error.message}`));
      else resolve(join(outDir, 'fleet-control.cjs'));
    });
  });
  return built;
}
