// Whether this machine can sandbox commands, found once per program: bubblewrap on Linux (probed by running
// `true` inside the same kind of sandbox, since bwrap fails in some containers), sandbox-exec on macOS, nothing on
// Windows. When it cannot, commands run unsandboxed and every result says why.

import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { SandboxUse } from '../../../shared/types-launcher';
import { BWRAP_BASE } from './bubblewrap';

export interface SandboxSupport extends SandboxUse {
  /** The sandbox program to run commands through, when `method` is set. */
  program: string | null;
}

const SANDBOX_EXEC = '/usr/bin/sandbox-exec';
const probes = new Map<string, Promise<SandboxSupport>>();

/** The executable `name` on `PATH`, or null. */
export function findOnPath(name: string, path: string | undefined): string | null {
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return null;
}

/** Runs `program args` with a short time limit; resolves to null on success, else the first line of why not. */
function tryRun(program: string, args: string[], path: string | undefined): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(program, args, { env: { PATH: path ?? '' }, timeout: 5000 }, (error, _stdout, stderr) => {
      if (!error) return resolve(null);
      const line = String(stderr).trim().split('\n')[0] || error.message.split('\n')[0];
      resolve(line ?? 'unknown reason');
    });
  });
}

async function probe(platform: NodeJS.Platform, path: string | undefined): Promise<SandboxSupport> {
  if (platform === 'linux') {
    const bwrap = findOnPath('bwrap', path);
    if (!bwrap) return { method: null, reason: 'bubblewrap (bwrap) is not installed', program: null };
    const failure = await tryRun(bwrap, [...BWRAP_BASE, '--', 'true'], path);
    if (failure) return { method: null, reason: `bubblewrap cannot make a sandbox here: ${failure}`, program: null };
    return { method: 'bubblewrap', reason: null, program: bwrap };
  }
  if (platform === 'darwin') {
    const failure = await tryRun(SANDBOX_EXEC, ['-p', '(version 1)(allow default)', '/usr/bin/true'], path);
    if (failure) return { method: null, reason: `sandbox-exec is not usable: ${failure}`, program: null };
    return { method: 'sandbox-exec', reason: null, program: SANDBOX_EXEC };
  }
  return { method: null, reason: `no sandbox is available on ${platform === 'win32' ? 'Windows' : platform}`, program: null };
}

/** The sandbox this machine offers with this PATH, probed once per process and PATH. */
export function sandboxSupport(path: string | undefined, platform: NodeJS.Platform = process.platform): Promise<SandboxSupport> {
  const key = `${platform}\0${path ?? ''}`;
  let found = probes.get(key);
  if (!found) {
    found = probe(platform, path);
    probes.set(key, found);
  }
  return found;
}
