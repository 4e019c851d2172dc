// `npm start` on a fresh install: the Electron binary fetched once through Electron's installer from a loopback
// mirror (remote checksums), unpacked into a temporary copy of the electron package, and started with the app's main
// script as an ordinary user with a display; a failing mirror, no display or root give one line and the browser UI.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeZip } from '../helpers/zip';

const REPO = join(__dirname, '..', '..');
const REAL_MODULES = join(REPO, 'node_modules');
const VERSION = (JSON.parse(readFileSync(join(REAL_MODULES, 'electron', 'package.json'), 'utf8')) as { version: string }).version;
const ARCHIVE = `electron-v${VERSION}-linux-${process.arch}.zip`;
// Root switches to nobody for the run, as a desktop user would start it; anyone else already is an ordinary user.
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

// The stand-in `electron` records who started it, with which display and arguments.
const STAND_IN = '#!/bin/sh\nprintf "%s\\n" "$(id -u)" "$DISPLAY" "$@" > "$FLEET_TEST_ELECTRON_RECORD"\n';

interface Mirror {
  url: string;
  requests: string[];
  close: () => Promise<void>;
}

function startMirror(options: { failArchive?: boolean } = {}): Promise<Mirror> {
  const archive = makeZip([
    { name: 'electron', content: STAND_IN, mode: 0o755 },
    { name: 'version', content: VERSION },
  ]);
  const sums = `${createHash('sha256').update(archive).digest('hex')} *${ARCHIVE}\n`;
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (request.url === `/v${VERSION}/SHASUMS256.txt`) return void response.end(sums);
    if (request.url === `/v${VERSION}/${ARCHIVE}` && !options.failArchive) {
      response.setHeader('Content-Length', archive.length);
      return void response.end(archive);
    }
    response.statusCode = 404;
    response.end('not here');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}/`, requests, close: () => new Promise((done) => server.close(() => done())) });
    }),
  );
}

let root: string;
let sharedModules: string;
/** Electron's installer's dependencies (@electron/get, the zip extractor and theirs): package name -> its folder. */
const installerModules = new Map<string, string>();

function collectDependencies(name: string, from: string): void {
  const require = createRequire(from);
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  if (installerModules.has(name)) return;
  installerModules.set(name, dir);
  const { dependencies = {} } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const dependency of Object.keys(dependencies)) collectDependencies(dependency, join(dir, 'package.json'));
}

beforeAll(() => {
  for (const name of ['@electron/get', '@electron-internal/extract-zip']) collectDependencies(name, join(REAL_MODULES, 'electron', 'package.json'));
  sharedModules = mkdtempSync(join(tmpdir(), 'fleet-start-modules-'));
  // In a node_modules folder of its own: the links resolve to here, and the packages find each other from here.
  for (const [name, dir] of installerModules) cpSync(dir, join(sharedModules, 'node_modules', name), { recursive: true, dereference: true });
  if (asRoot) chownTree(sharedModules);
});
afterAll(() => rmSync(sharedModules, { recursive: true, force: true }));
const realHadBinary = existsSync(join(REAL_MODULES, 'electron', 'path.txt'));

/** A checkout-shaped folder: the start scripts, a built out/ (cli.js records the serve call), a copy of the electron package. */
function makeCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-start-'));
  mkdirSync(join(dir, 'scripts'));
  for (const file of ['start.mjs', 'electron-binary.mjs']) copyFileSync(join(REPO, 'scripts', file), join(dir, 'scripts', file));
  for (const sub of ['out/main', 'out/preload', 'out/renderer', 'records', 'cache', 'home']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'out/main/index.js'), '// the app\n');
  writeFileSync(join(dir, 'out/main/cli.js'), "require('fs').writeFileSync(process.env.FLEET_TEST_SERVE_RECORD, JSON.stringify(process.argv.slice(2)));\n");
  writeFileSync(join(dir, 'out/preload/index.cjs'), '');
  writeFileSync(join(dir, 'out/renderer/index.html'), '');
  const electronCopy = join(dir, 'node_modules', 'electron');
  mkdirSync(electronCopy, { recursive: true });
  for (const file of readdirSync(join(REAL_MODULES, 'electron'))) {
    if (!['node_modules', 'dist', 'path.txt'].includes(file)) copyFileSync(join(REAL_MODULES, 'electron', file), join(electronCopy, file));
  }
  // The installer's own dependencies, copied once from the real node_modules (which the ordinary user may not reach).
  for (const name of installerModules.keys()) {
    mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true });
    symlinkSync(join(sharedModules, 'node_modules', name), join(dir, 'node_modules', name));
  }
  if (asRoot) chownTree(dir);
  return dir;
}

function chownTree(path: string): void {
  chownSync(path, NOBODY, NOBODY);
  chmodSync(path, 0o755);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isDirectory()) chownTree(join(path, entry.name));
    else if (entry.isFile()) chownSync(join(path, entry.name), NOBODY, NOBODY);
  }
}

function npmStart(env: Record<string, string | undefined>, options: { asUser?: boolean } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = join(root, 'scripts', 'start.mjs');
  const [command, args] =
    asRoot && options.asUser !== false
      ? ['setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--', process.execPath, script]]
      : [process.execPath, [script]];
  const base = { PATH: process.env.PATH, HOME: join(root, 'home'), electron_config_cache: join(root, 'cache') };
  const records = { FLEET_TEST_ELECTRON_RECORD: join(root, 'records', 'electron.txt'), FLEET_TEST_SERVE_RECORD: join(root, 'records', 'serve.json') };
  return new Promise((resolve) => {
    const child = spawn(command as string, args as string[], { cwd: root, env: { ...base, ...records, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const electronRecord = () => readFileSync(join(root, 'records', 'electron.txt'), 'utf8').trim().split('\n');
const serveRecord = () => JSON.parse(readFileSync(join(root, 'records', 'serve.json'), 'utf8')) as string[];

beforeEach(() => {
  root = makeCheckout();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe.skipIf(process.platform !== 'linux')('npm start on a fresh install', () => {
  it('fetches the binary once from the mirror into the electron package, then starts it with the main script as the user', async () => {
    const mirror = await startMirror();
    try {
      const env = { ELECTRON_MIRROR: mirror.url, electron_use_remote_checksums: '1', DISPLAY: ':42' };
      const first = await npmStart(env);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toContain(`Downloading Electron ${VERSION} (linux-${process.arch}): 100%`);
      expect(readFileSync(join(root, 'node_modules/electron/path.txt'), 'utf8')).toBe('electron');
      expect(existsSync(join(root, 'node_modules/electron/dist/version'))).toBe(true);
      const [uid, display, mainScript] = electronRecord();
      expect(uid).toBe(String(asRoot ? NOBODY : process.getuid?.()));
      expect(display).toBe(':42');
      expect(mainScript).toBe(join(root, 'out', 'main', 'index.js'));
      // The checkout's own electron package is untouched.
      expect(existsSync(join(REAL_MODULES, 'electron', 'path.txt'))).toBe(realHadBinary);

      rmSync(join(root, 'records', 'electron.txt'));
      const second = await npmStart(env);
      expect(second.code).toBe(0);
      expect(second.stdout).not.toContain('Downloading');
      expect(electronRecord()[2]).toBe(join(root, 'out', 'main', 'index.js'));
      expect(mirror.requests.filter((url) => url.endsWith(ARCHIVE))).toHaveLength(1);
      expect(existsSync(join(root, 'records', 'serve.json'))).toBe(false);
    } finally {
      await mirror.close();
    }
  });

  it('says in one line that the mirror failed and serves the browser UI', async () => {
    const mirror = await startMirror({ failArchive: true });
    try {
      const result = await npmStart({ ELECTRON_MIRROR: mirror.url, electron_use_remote_checksums: '1', DISPLAY: ':42' });
      expect(result.code).toBe(0);
      const reason = result.stdout.split('\n').filter((line) => line.startsWith('Electron cannot run here'));
      expect(reason).toEqual([expect.stringMatching(/its binary could not be downloaded: Response code 404 .*serving Fleet Control to a browser instead\.$/)]);
      expect(result.stderr).toBe('');
      expect(serveRecord()).toEqual(['serve', '--host', '127.0.0.1', '--port', expect.stringMatching(/^\d+$/)]);
      expect(existsSync(join(root, 'node_modules/electron/path.txt'))).toBe(false);
    } finally {
      await mirror.close();
    }
  });

  it('downloads nothing without a display, or as root, and says why', async () => {
    const mirror = await startMirror();
    try {
      const noDisplay = await npmStart({ ELECTRON_MIRROR: mirror.url, electron_use_remote_checksums: '1' });
      expect(noDisplay.stdout).toContain('Electron cannot run here: there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set); serving');
      expect(serveRecord()[0]).toBe('serve');
      if (asRoot) {
        const rootRun = await npmStart({ ELECTRON_MIRROR: mirror.url, electron_use_remote_checksums: '1', DISPLAY: ':42' }, { asUser: false });
        expect(rootRun.stdout).toContain('Electron cannot run here: it refuses to run as root');
      }
      expect(mirror.requests).toEqual([]);
    } finally {
      await mirror.close();
    }
  });
});
