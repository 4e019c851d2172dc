// The app's side of the bench: the compiled core measured in a child process, and the `fleet-control` CLI
// measured as whole processes. Each says why when the part it measures has not landed yet.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure } from './timing.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const CHILD_TIMEOUT_MS = 5 * 60_000;

/** Runs board-inprocess.mjs in a fresh Node process; returns its JSON (or {error}). */
export function runInProcess(coreDir, mode, repo, args = []) {
  const child = spawnSync(process.execPath, [join(HERE, 'board-inprocess.mjs'), coreDir, mode, repo, ...args], {
    encoding: 'utf8',
    timeout: CHILD_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = child.stdout?.trim().split('\n').at(-1);
  try {
    return JSON.parse(line);
  } catch {
    return { error: `the in-process bench did not report (exit ${child.status}${child.signal ? `, ${child.signal}` : ''}): ${(child.stderr ?? '').trim().split('\n').slice(-3).join(' ')}` };
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** The CLI if it has landed, built with electron-vite when out/main/cli.js is missing or older than src/. */
export function prepareCli(root, log) {
  const bin = join(root, 'bin/fleet-control.cjs');
  if (!existsSync(bin) || !existsSync(join(root, 'src/main/cli.ts'))) return { error: 'the CLI (bin/fleet-control.cjs, src/main/cli.ts) has not landed yet' };
  const built = join(root, 'out/main/cli.js');
  if (!existsSync(built) || statSync(built).mtimeMs < newestMtime(join(root, 'src'))) {
    log('  building the app (electron-vite build) for the CLI...');
    try {
      // As npm test does: Node runs the tool's script, whatever its executable bit says.
      const electronVite = join(root, 'node_modules/electron-vite/bin/electron-vite.js');
      execFileSync(process.execPath, [electronVite, 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      return { error: `electron-vite build failed: ${String(error.stderr ?? error.message).trim().split('\n').slice(-2).join(' ')}` };
    }
  }
  return { bin };
}

/** Runs the CLI as a whole process with its own app-data folder; returns stdout or throws with stderr. */
export function runCli(root, cli, args, appHome) {
  mkdirSync(appHome, { recursive: true });
  return execFileSync(process.execPath, [cli.bin, ...args], {
    cwd: root,
    env: { ...process.env, FLEET_CONTROL_HOME: appHome },
    encoding: 'utf8',
    timeout: CHILD_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** `fleet-control status --json <repo>` as a whole process, warm (median, p95), and the board it printed. */
export async function measureCliStatus(root, cli, repo, appHome, { runs = 10 } = {}) {
  const status = () => runCli(root, cli, ['status', '--json', repo], appHome);
  try {
    const board = JSON.parse(status());
    const warm = await measure(status, { runs, warmup: 1 });
    return { warm, board, run: status };
  } catch (error) {
    return { error: `status failed: ${String(error.stderr || error.message).trim().split('\n').slice(-2).join(' ')}` };
  }
}
