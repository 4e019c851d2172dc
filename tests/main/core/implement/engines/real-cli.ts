// A real agent CLI from the npm registry for the engine tests: installed with npm into a folder under the system temp
// folder keyed by package and version, once (later runs reuse it), or a reason why it cannot be had here.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type Installed = { dir: string; bin: string; installMs: number } | { reason: string };

/** `pkg@version` installed under `<tmpdir>/fleet-npm-<pkg>-<version>`, its bin folder; the reason when npm cannot get it. */
export async function installFromNpm(pkg: string, version: string, program: string): Promise<Installed> {
  const dir = join(tmpdir(), `fleet-npm-${pkg.replace(/[@/]/g, '_')}-${version}`);
  const bin = join(dir, 'node_modules', '.bin');
  if (existsSync(join(bin, program))) return { dir, bin, installMs: 0 };
  const started = Date.now();
  // Asked once without retries first, so an unreachable registry is a quick skip instead of minutes of npm retrying.
  try {
    await run('npm', ['view', `${pkg}@${version}`, 'version', '--fetch-retries=0', '--fetch-timeout=10000'], { timeout: 30_000 });
  } catch (error) {
    return { reason: `the npm registry did not answer for ${pkg}@${version}: ${lastLines(error)}` };
  }
  // Installed beside the cache folder and renamed into place, so an interrupted install is never taken for one.
  const partial = mkdtempSync(`${dir}.partial-`);
  try {
    await run('npm', ['install', '--prefix', partial, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', `${pkg}@${version}`], { timeout: 300_000 });
    if (!existsSync(join(partial, 'node_modules', '.bin', program))) return { reason: `npm installed ${pkg}@${version} but it has no ${program} executable` };
    if (!existsSync(dir)) renameSync(partial, dir);
    return { dir, bin, installMs: Date.now() - started };
  } catch (error) {
    return { reason: `npm could not install ${pkg}@${version} here: ${lastLines(error)}` };
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}

function lastLines(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split('\n').slice(-3).join(' ').slice(0, 300);
}
