// `npm start`: builds when out/ is missing or older than the sources, then opens the desktop app where Electron can
// run (fetching its binary on the first start through Electron's own installer), and otherwise says why in one line
// and serves the same app to a browser.

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronRunBlocker, fetchElectron, installedElectron } from './electron-binary.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUTS = ['out/main/index.js', 'out/main/cli.js', 'out/preload/index.cjs', 'out/renderer/index.html'].map((p) => join(ROOT, p));
const INPUTS = ['src', 'electron.vite.config.ts', 'package.json', 'tsconfig.node.json', 'tsconfig.web.json'].map((p) => join(ROOT, p));
const PREFERRED_PORT = 5170;
// An Electron that exits with an error this soon never opened its window (missing system libraries, a GPU or
// sandbox failure): the browser UI is offered instead.
const EARLY_EXIT_MS = 5000;

/** The newest modification time under `path` (a file or a folder tree). */
function newestMtime(path) {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function needsBuild() {
  if (OUTPUTS.some((file) => !existsSync(file))) return true;
  const oldestOutput = Math.min(...OUTPUTS.map((file) => statSync(file).mtimeMs));
  return Math.max(...INPUTS.map(newestMtime)) > oldestOutput;
}

/**
 * Runs a command with inherited output in its own process group, passing on Ctrl+C and SIGTERM exactly once
 * (a terminal would otherwise signal it directly as well, and a second Ctrl+C means "stop now" to the CLI).
 */
function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    // A process group of its own on POSIX; on Windows `detached` would open a new console window instead.
    const child = spawn(command, args, { cwd: ROOT, env, stdio: 'inherit', detached: process.platform !== 'win32' });
    const forward = (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    process.on('SIGINT', forward).on('SIGTERM', forward);
    const stopForwarding = () => process.off('SIGINT', forward).off('SIGTERM', forward);
    child.on('error', (error) => {
      stopForwarding();
      console.error(`error: could not start ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      stopForwarding();
      resolve(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
    });
  });
}

/** The Electron binary to launch (fetched now if it never was), or the one-line reason there is none that can run. */
async function findElectron() {
  const blocker = electronRunBlocker();
  if (blocker) return { reason: blocker };
  const packageDir = join(ROOT, 'node_modules', 'electron');
  if (!existsSync(join(packageDir, 'package.json'))) return { reason: 'the electron package is not installed (run npm ci)' };
  const installed = installedElectron(packageDir);
  if (installed.binary) return installed;
  if (!installed.fetchable) return { reason: installed.missing };
  console.log('First start: fetching the Electron binary through Electron\'s installer (once; it is kept in Electron\'s cache).');
  const fetched = await fetchElectron(packageDir);
  return fetched.binary ? fetched : { reason: fetched.error };
}

/** PREFERRED_PORT when it is free on loopback, else 0 (any free port). */
function choosePort() {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(0));
    probe.listen(PREFERRED_PORT, '127.0.0.1', () => probe.close(() => resolve(PREFERRED_PORT)));
  });
}

async function main() {
  const workspace = process.argv[2] || process.env.FLEET_WORKSPACE || '';
  if (needsBuild()) {
    console.log('Building Fleet Control (out/ is missing or older than the sources)…');
    const electronVite = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    const code = await run(process.execPath, [electronVite, 'build']);
    if (code !== 0) return code;
  }
  const electron = await findElectron();
  if (electron.binary) {
    const env = { ...process.env, ...(workspace ? { FLEET_WORKSPACE: workspace } : {}) };
    delete env.ELECTRON_RUN_AS_NODE;
    const startedAt = Date.now();
    const code = await run(electron.binary, [join(ROOT, 'out', 'main', 'index.js')], env);
    if (code === 0 || Date.now() - startedAt > EARLY_EXIT_MS) return code;
    electron.reason = `it exited with code ${code} as it started`;
  }
  console.log(`Electron cannot run here: ${electron.reason}; serving Fleet Control to a browser instead.`);
  const port = await choosePort();
  return run(process.execPath, [join(ROOT, 'out', 'main', 'cli.js'), 'serve', '--host', '127.0.0.1', '--port', String(port), ...(workspace ? [workspace] : [])]);
}

process.exitCode = await main();
