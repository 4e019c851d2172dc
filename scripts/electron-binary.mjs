// The Electron binary `npm start` launches: where the electron package says it is, whether it can run on this
// machine, and fetching it on first start through Electron's own installer (@electron/get for the download, with
// its mirror, cache and checksum rules; the package's install.js to unpack it and write path.txt).

import { execSync, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Why Electron cannot run here whatever binary there is, or null: checked before anything is downloaded. */
export function electronRunBlocker({ platform = process.platform, env = process.env, uid = process.getuid?.() } = {}) {
  if (platform !== 'linux') return null;
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
  // Chromium refuses to start as root unless its sandbox is turned off, and the app's windows rely on that sandbox.
  if (uid === 0) return "it refuses to run as root (Chromium's sandbox would have to be turned off: start it as your own user)";
  return null;
}

/** The installed binary as the electron package's index.js finds it ({binary}), or {missing} with the reason. */
export function installedElectron(packageDir, env = process.env) {
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const binary = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return isExecutable(binary) ? { binary } : { missing: `ELECTRON_OVERRIDE_DIST_PATH has no Electron binary (${binary})`, fetchable: false };
  }
  if (!relative) return { missing: 'the Electron binary is not downloaded yet', fetchable: true };
  const binary = join(packageDir, 'dist', relative);
  return isExecutable(binary) ? { binary } : { missing: `the Electron binary is not downloaded yet (no ${binary})`, fetchable: true };
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The artifact install.js asks @electron/get for, read from the same variables, so its own request is a cache hit. */
export function installerArtifact(packageDir, env = process.env, host = { platform: process.platform, arch: process.arch }) {
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const remoteChecksums = Boolean(env.electron_use_remote_checksums || env.npm_config_electron_use_remote_checksums);
  const platform = env.ELECTRON_INSTALL_PLATFORM || env.npm_config_platform || host.platform;
  let arch = env.ELECTRON_INSTALL_ARCH || env.npm_config_arch || host.arch;
  // As install.js does: an x64 Node under Rosetta still gets the arm64 binary.
  if (platform === 'darwin' && host.platform === 'darwin' && arch === 'x64' && env.npm_config_arch === undefined && underRosetta()) arch = 'arm64';
  return {
    version,
    artifactName: 'electron',
    force: env.force_no_cache === 'true',
    cacheRoot: env.electron_config_cache,
    checksums: remoteChecksums ? undefined : JSON.parse(readFileSync(join(packageDir, 'checksums.json'), 'utf8')),
    platform,
    arch,
  };
}

function underRosetta() {
  try {
    return execSync('sysctl -in sysctl.proc_translated').toString().trim() === '1';
  } catch {
    return false;
  }
}

/** One line of download progress: a percentage once the size is known, else the megabytes so far. */
export function progressLine(label, { transferred, total }) {
  const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
  return total ? `${label}: ${Math.floor((transferred / total) * 100)}% of ${mb(total)}` : `${label}: ${mb(transferred)}`;
}

/** An error as one line: its message and, for fetch's "fetch failed", the cause (ECONNREFUSED, ENOTFOUND, ...). */
export function oneLine(error) {
  const cause = error?.cause?.message ?? error?.cause?.code;
  const text = `${error?.message ?? error}${cause ? ` (${cause})` : ''}`;
  return text.split('\n')[0].trim();
}

/** Prints download progress: rewritten in place on a terminal, every 25% otherwise (logs stay short). */
function progressPrinter(label, stream) {
  let lastQuarter = -1;
  return ({ transferred, total }) => {
    const line = progressLine(label, { transferred, total });
    if (stream.isTTY) return void stream.write(`\r${line}\x1b[K`);
    const quarter = total ? Math.floor((transferred / total) * 4) : -1;
    if (quarter > lastQuarter) {
      lastQuarter = quarter;
      stream.write(`${line}\n`);
    }
  };
}

/**
 * Downloads the binary (into Electron's cache, from ELECTRON_MIRROR or GitHub, checked against the package's
 * checksums or the mirror's SHASUMS256.txt) with progress on `stream`, then runs the package's install.js, which
 * finds it in the cache, unpacks it into dist/ and writes path.txt. Resolves to {binary} or {error: one line}.
 */
export async function fetchElectron(packageDir, { env = process.env, stream = process.stdout } = {}) {
  const artifact = installerArtifact(packageDir, env);
  const label = `Downloading Electron ${artifact.version} (${artifact.platform}-${artifact.arch})`;
  try {
    const require = createRequire(join(packageDir, 'package.json'));
    const { downloadArtifact } = await import(pathToFileURL(require.resolve('@electron/get')).href);
    await downloadArtifact({ ...artifact, downloadOptions: { quiet: true, getProgressCallback: progressPrinter(label, stream) } });
    if (stream.isTTY) stream.write('\n');
  } catch (error) {
    if (stream.isTTY) stream.write('\n');
    return { error: `its binary could not be downloaded: ${oneLine(error)}` };
  }
  const installed = await runInstaller(packageDir, env);
  if (installed.error) return installed;
  const found = installedElectron(packageDir, env);
  return found.binary ? { binary: found.binary } : { error: `Electron's installer finished but ${found.missing}` };
}

/** Runs node_modules/electron/install.js (what `npx install-electron` runs); its error output becomes one line. */
function runInstaller(packageDir, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(packageDir, 'install.js')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => resolve({ error: `Electron's installer could not start: ${oneLine(error)}` }));
    child.on('close', (code) => {
      if (code === 0) return resolve({});
      const first = stderr.split('\n').find((line) => line.trim()) ?? `exit code ${code}`;
      resolve({ error: `Electron's installer could not unpack the binary: ${first.trim()}` });
    });
  });
}
