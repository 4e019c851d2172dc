// `npm start`: builds when out/ is missing or older than the sources, then opens the desktop app where an
// Electron binary can run, and otherwise says why in one line and serves the same app to a browser.

import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUTS = ['out/main/index.js', 'out/main/cli.js', 'out/preload/index.cjs', 'out/renderer/index.html'].map((p) => join(ROOT, p));
const INPUTS = ['src', 'electron.vite.config.ts', 'package.json', 'tsconfig.node.json', 'tsconfig.web.json'].map((p) => join(ROOT, p));
const PREFERRED_PORT = 5170;

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
    const child = spawn(command, args, { cwd: ROOT, env, stdio: 'inherit', detached: true });
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

/** The Electron binary to launch, or the reason there is none that can run here. */
function findElectron() {
  const packageDir = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, relative || 'electron') : relative ? join(packageDir, 'dist', relative) : null;
  if (!binary) return { reason: `no Electron binary is installed (${pathFile} is missing; it cannot be downloaded on this machine)` };
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    return { reason: `no Electron binary at ${binary}` };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  if (process.platform === 'linux' && process.getuid?.() === 0) {
    return { reason: "it refuses to run as root without turning off Chromium's sandbox" };
  }
  return { binary };
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
  const electron = findElectron();
  if (electron.binary) {
    const env = { ...process.env, ...(workspace ? { FLEET_WORKSPACE: workspace } : {}) };
    delete env.ELECTRON_RUN_AS_NODE;
    return run(electron.binary, [join(ROOT, 'out', 'main', 'index.js')], env);
  }
  console.log(`Electron cannot run here: ${electron.reason}; serving Fleet Control to a browser instead.`);
  const port = await choosePort();
  return run(process.execPath, [join(ROOT, 'out', 'main', 'cli.js'), 'serve', '--host', '127.0.0.1', '--port', String(port), ...(workspace ? [workspace] : [])]);
}

process.exitCode = await main();
