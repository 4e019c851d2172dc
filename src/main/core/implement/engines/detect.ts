// Which engines are installed: each CLI looked for on PATH and asked its version (`<cli> --version` through the
// launcher, bounded by a timeout, like every command), with the install hint for the missing ones.

import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Launcher } from '../../launcher/launcher';
import { ensurePrivateFolder } from '../../launcher/work-folders';
import { ENGINES } from './registry';
import { olderThan } from './engine-version';
import { shellWord } from './shell-words';
import type { EngineInfo } from '../../../../shared/types-engines';
import type { EngineAdapter } from './types';

/** One CLI engine as detected here: what listEngines shows but its key mapping (the catalog adds that) and with any id. */
export type EngineFound = Omit<EngineInfo, 'id' | 'key'> & { id: string };

/** The first executable named `program` on `pathVar`. */
export function findOnPath(program: string, pathVar: string | undefined): string | null {
  for (const dir of (pathVar ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, program);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return null;
}

/** The first line `<path> <args>` prints, or null when it fails or outlives `timeoutMs`. */
async function versionOf(launcher: Launcher, path: string, args: string[], timeoutMs: number): Promise<string | null> {
  await ensurePrivateFolder(launcher.workRoot);
  let output = '';
  const outcome = await launcher.run({
    command: [path, ...args].map(shellWord).join(' '),
    cwd: launcher.workRoot,
    timeoutMs,
    killGraceMs: 200,
    onOutput: (chunk) => (output = (output + chunk.toString('utf8')).slice(0, 64 * 1024)),
  });
  const line = output.split('\n').find((l) => l.trim());
  return outcome.ended !== 'exited' || outcome.exitCode !== 0 || !line ? null : line.trim().slice(0, 200);
}

/** One engine's state on this machine. */
export async function detectEngine(engine: EngineAdapter, launcher: Launcher, hostEnv: NodeJS.ProcessEnv, timeoutMs = 5000): Promise<EngineFound> {
  const base = {
    id: engine.id,
    title: engine.title,
    program: engine.program,
    installHint: engine.installHint,
    enforces: engine.enforces,
    cannot: engine.cannot,
    reportsCost: engine.reportsCost,
    reportsTokens: engine.reportsTokens,
    canResume: engine.canResume,
    variables: engine.variables,
    configPaths: engine.configPaths,
  };
  if (!engine.program) return { ...base, path: null, version: null, problem: null };
  const path = findOnPath(engine.program, hostEnv.PATH);
  if (!path) return { ...base, path: null, version: null, problem: `${engine.program} is not on PATH` };
  const version = await versionOf(launcher, path, engine.versionArgs, timeoutMs);
  if (!version) return { ...base, path, version, problem: `${engine.program} --version did not answer within ${timeoutMs / 1000} seconds or failed` };
  if (engine.minVersion && olderThan(version, engine.minVersion)) return { ...base, path, version, problem: `${engine.program} ${version} is too old: Fleet Control needs ${engine.minVersion} or newer` };
  return { ...base, path, version, problem: null };
}

/** Every engine, found or not, on the PATH of `hostEnv` (the launcher's host environment). */
export function detectEngines(launcher: Launcher, hostEnv: NodeJS.ProcessEnv, timeoutMs = 5000): Promise<EngineFound[]> {
  return Promise.all(ENGINES.map((engine) => detectEngine(engine, launcher, hostEnv, timeoutMs)));
}
