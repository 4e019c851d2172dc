// Real agent CLIs from the npm registry for the engine tests: installed with npm into a folder under the system temp
// folder keyed by package and version, once (later runs reuse it), or a reason why it cannot be had here; a working
// copy for one to work in, and its change accepted and checked with the git CLI.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { acceptRunChanges } from '../../../../../src/main/core/implement/accept/accept-run';
import { initCopyRepository, objectStore } from '../../../../../src/main/core/implement/engines/git-copy';
import { computeChanges } from '../../../../../src/main/core/implement/working-copy/changes';
import { Launcher } from '../../../../../src/main/core/launcher/launcher';
import { git, makeTempDir } from '../../../../helpers/git';
import { outsideTmp } from '../../launcher/launch-fixture';
import { acceptFixture, BRANCH, MODULE, workingCopy } from '../accept/accept-fixture';

const run = promisify(execFile);

export type Installed = { dir: string; bin: string; installMs: number } | { reason: string };

/** `pkg@version` installed under `<base>/fleet-npm-<pkg>-<version>` (base: the system temp folder), its bin folder; the reason when npm cannot get it. */
export async function installFromNpm(pkg: string, version: string, program: string, base = tmpdir()): Promise<Installed> {
  const dir = join(base, `fleet-npm-${pkg.replace(/[@/]/g, '_')}-${version}`);
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

/** A module branch of the accept fixture, a working copy of its tip made a git repository, and a launcher whose
 *  host environment is `env` (with `home`); for a real CLI to work in, as a run's engine would. */
export async function realCopy(env: NodeJS.ProcessEnv) {
  const { dir: repoDir, workspace, startTip } = await acceptFixture();
  const copy = await workingCopy(workspace, startTip);
  const launcher = new Launcher({ appDataDirs: [outsideTmp('fleet-engine-appdata-')], workRoot: makeTempDir('fleet-engine-work-'), hostEnv: () => env });
  const objects = objectStore(workspace.repo);
  await initCopyRepository(launcher, copy, objects, startTip);
  return { repoDir, workspace, startTip, copy, launcher, objects };
}

/** Accepts what the run changed in `copy` (exactly `path`, modified) as one commit and checks it with the git CLI. */
export async function acceptAndCheck(target: Awaited<ReturnType<typeof realCopy>>, engine: string, path: string, text: string): Promise<void> {
  const { repoDir, workspace, startTip, copy } = target;
  const files = await computeChanges(workspace.repo, startTip, copy);
  expect(files.map((f) => [f.path, f.status])).toEqual([[path, 'modified']]);
  const accepted = await acceptRunChanges({ workspace, moduleId: MODULE, startTip, dir: copy, files, message: `${MODULE}: ${text}`, trailers: { 'Fleet-Engine': engine } });
  // One commit on the module branch, on the start tip, changing that file alone; the copy's own branch stays out.
  expect(git(repoDir, 'rev-parse', BRANCH)).toBe(accepted.commit);
  expect(git(repoDir, 'rev-parse', `${BRANCH}^`)).toBe(startTip);
  expect(git(repoDir, 'diff', '--name-only', startTip, BRANCH)).toBe(path);
  expect(git(repoDir, 'show', `${BRANCH}:${path}`)).toContain(text);
  expect(git(repoDir, 'log', '-1', '--format=%B', BRANCH)).toContain(`Fleet-Engine: ${engine}`);
  expect(git(repoDir, 'for-each-ref', '--format=%(refname)')).not.toContain('fleet-run');
}
