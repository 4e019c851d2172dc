// Which engines are installed: each CLI looked for on PATH and asked its version (`<cli> --version`, bounded by a
// timeout, without the app's secrets in its environment), with the install hint for the missing ones.

import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { allowListNames } from '../../launcher/allow-list';
import { ENGINES } from './registry';
import type { EngineAdapter } from './types';

export interface EngineFound {
  id: string;
  title: string;
  /** Null for the custom engine (no program of its own). */
  program: string | null;
  path: string | null;
  version: string | null;
  /** Why it is not usable (missing, its version unreadable), or null. */
  problem: string | null;
  installHint: string;
  enforces: string[];
  cannot: string[];
  reportsCost: boolean;
  canResume: boolean;
}

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

function versionOf(path: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(path, args, { env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 }, (error, stdout) => {
      const line = stdout.toString().split('\n').find((l) => l.trim());
      resolve(error || !line ? null : line.trim().slice(0, 200));
    });
  });
}

/** One engine's state on this machine. */
export async function detectEngine(engine: EngineAdapter, hostEnv: NodeJS.ProcessEnv, timeoutMs = 5000): Promise<EngineFound> {
  const base = { id: engine.id, title: engine.title, program: engine.program, installHint: engine.installHint, enforces: engine.enforces, cannot: engine.cannot, reportsCost: engine.reportsCost, canResume: engine.canResume };
  if (!engine.program) return { ...base, path: null, version: null, problem: null };
  const path = findOnPath(engine.program, hostEnv.PATH);
  if (!path) return { ...base, path: null, version: null, problem: `${engine.program} is not on PATH` };
  // Only the launcher's allow-listed variables: a version check needs no key.
  const env = Object.fromEntries(allowListNames().filter((name) => hostEnv[name] !== undefined).map((name) => [name, hostEnv[name]]));
  const version = await versionOf(path, engine.versionArgs, env, timeoutMs);
  return { ...base, path, version, problem: version ? null : `${engine.program} --version did not answer within ${timeoutMs / 1000} seconds or failed` };
}

/** Every engine, found or not. */
export function detectEngines(hostEnv: NodeJS.ProcessEnv = process.env, timeoutMs = 5000): Promise<EngineFound[]> {
  return Promise.all(ENGINES.map((engine) => detectEngine(engine, hostEnv, timeoutMs)));
}
