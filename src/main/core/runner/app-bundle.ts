// Where the app finds its own bundled command line (`npm run build` writes <out>/runner/fleet-control.cjs; installers
// carry it as the extra resource runner/fleet-control.cjs), and the git blob id that tells whether a branch holds it.

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FleetError } from '../../../shared/errors';

const FILE = 'fleet-control.cjs';

/** The places the bundle may be, in order: FLEET_RUNNER_BUNDLE, an installer's resources, next to the built main. */
export function runnerBundleCandidates(env: NodeJS.ProcessEnv): string[] {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  return [
    env.FLEET_RUNNER_BUNDLE?.trim() || null,
    resources ? join(resources, 'runner', FILE) : null,
    // out/main/index.js and out/main/chunks/*.js: the bundle is out/runner/.
    join(__dirname, '..', 'runner', FILE),
    join(__dirname, '..', '..', 'runner', FILE),
  ].filter((path): path is string => path !== null);
}

export interface AppBundle {
  path: string;
  bytes: Buffer;
  /** git's blob id of the bytes: the same as a branch's blob when the branch holds this exact build. */
  blobId: string;
}

/** git's object id of a blob with these bytes. */
export function blobIdOf(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

let cached: { path: string; mtimeMs: number; bundle: AppBundle } | null = null;

/** The app's bundle, or null when none of the candidates exists (read once per file version). */
export async function findAppBundle(env: NodeJS.ProcessEnv): Promise<AppBundle | null> {
  for (const path of runnerBundleCandidates(env)) {
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) continue;
    if (cached?.path === path && cached.mtimeMs === info.mtimeMs) return cached.bundle;
    const bytes = await readFile(path);
    const bundle = { path, bytes, blobId: blobIdOf(bytes) };
    cached = { path, mtimeMs: info.mtimeMs, bundle };
    return bundle;
  }
  return null;
}

/** The app's bundle; RUNNER_BUNDLE_MISSING (naming where it looked) when this build has none. */
export async function requireAppBundle(env: NodeJS.ProcessEnv): Promise<AppBundle> {
  const bundle = await findAppBundle(env);
  if (bundle) return bundle;
  throw new FleetError(
    'RUNNER_BUNDLE_MISSING',
    `This build of Fleet Control has no bundled command line for CI runners (looked for ${runnerBundleCandidates(env).join(', ')}). Build the app with \`npm run build\`, which makes it, and try again. Nothing was written.`,
    { looked: runnerBundleCandidates(env) },
  );
}
