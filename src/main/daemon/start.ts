// Starting the background helper (server.ts) for the next push: after a push this process ran itself because no
// helper answered. Spawned here rather than through the launcher (core/launcher), which runs the repository's and
// agents' commands in their sandbox: this is Fleet Control's own entry, as secret-handover.ts re-executes it, with the
// environment stripped of secrets by the same rule.

import { spawn } from 'node:child_process';
import { withoutSecretVariables } from '../../shared/secret-names';
import type { DaemonAddress } from './address';

/**
 * Starts a helper, detached and without the secrets of this command's environment (each request brings its own);
 * true once it is asked to start. Not with this process's Node flags: an --inspect (a debugging port) or a profiler
 * has no place in a process that outlives the command.
 */
export function startDaemon(address: DaemonAddress): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    const child = spawn(process.execPath, [script, 'daemon'], { cwd: address.folder, env: withoutSecretVariables(process.env), detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    // The next push runs in its own process again; nothing is lost.
    return false;
  }
}
