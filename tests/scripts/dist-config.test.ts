// The packaging configuration (electron-builder.yml): accepted by electron-builder's own validation, read back for the
// fuses, the asar layout and the update feed, and packed by electron-builder itself around a stand-in Electron (no
// binary can be downloaded here) to see the fuses flipped in the executable and the renderer inside app.asar, where
// the app:// protocol looks for it.

import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRendererLocation } from '../../src/main/electron/renderer-location';

const REPO = join(__dirname, '..', '..');
const require = createRequire(join(REPO, 'package.json'));
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig: (projectDir: string, configPath: string | null, options: null) => Promise<Record<string, unknown>>;
  validateConfiguration: (config: Record<string, unknown>, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const fuses = require('@electron/fuses') as { getCurrentFuseWire: (path: string) => Promise<Record<string, number>>; FuseV1Options: Record<string, number> };
const asar = require('@electron/asar') as { listPackage: (path: string, options: object) => string[]; extractFile: (path: string, file: string) => Buffer };

const ON = 49;
const OFF = 48;

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validation, which does refuse a misspelled option", async () => {
    const config = await getConfig(REPO, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, electronFuse: { runAsNode: false } }, new DebugLogger(false))).rejects.toThrow(/electronFuse/);
  });

  it('sets the fuses, keeps the renderer in app.asar and builds every installer the issue names', async () => {
    const config = (await getConfig(REPO, null, null)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toBeUndefined();
    // electron-builder reads the file list as one filter set.
    const [files] = config.files as { filter: string[] }[];
    expect(files!.filter.slice(0, 3)).toEqual(['out/**/*', 'package.json', '!out/**/*.map']);
    // Vite bundles the renderer's libraries: Monaco and React are not shipped a second time in node_modules.
    expect(files!.filter.find((pattern) => pattern.startsWith('!node_modules/'))).toMatch(/\{monaco-editor,@monaco-editor,react,react-dom,/);
    expect(config.mac.target).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ]);
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.publish).toMatchObject({ provider: 'github' });
    for (const icon of [config.mac.icon, config.win.icon, join(config.linux.icon, '512x512.png')]) expect(readFileSync(join(REPO, icon)).length).toBeGreaterThan(300);
  });
});

describe('packing with electron-builder around a stand-in Electron', () => {
  let project: string;
  let unpacked: string;

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'fleet-dist-'));
    const electronDist = join(project, 'electron-dist');
    mkdirSync(electronDist);
    // The fuse wire as Electron 45 ships it: the sentinel, wire version 1, 8 fuses (RunAsNode on ... file:// privileges on).
    const wire = Buffer.concat([Buffer.from('#!/bin/sh\n# '), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 8]), Buffer.from('10110001'), Buffer.from('\n')]);
    writeFileSync(join(electronDist, 'electron'), wire, { mode: 0o755 });
    writeFileSync(join(electronDist, 'version'), '45.4.1');
    const app = join(project, 'app');
    for (const dir of ['out/main', 'out/preload', 'out/renderer/assets', 'out/runner', 'scripts']) mkdirSync(join(app, dir), { recursive: true });
    copyFileSync(join(REPO, 'electron-builder.yml'), join(app, 'electron-builder.yml'));
    copyFileSync(join(REPO, 'scripts', 'dist-after-sign.mjs'), join(app, 'scripts', 'dist-after-sign.mjs'));
    cpSync(join(REPO, 'resources'), join(app, 'resources'), { recursive: true });
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { name: string; version: string; main: string; description: string };
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: pkg.name, version: pkg.version, main: pkg.main, description: pkg.description, license: 'MIT' }));
    writeFileSync(join(app, pkg.main), '// main\n');
    writeFileSync(join(app, 'out/preload/index.cjs'), '// preload\n');
    writeFileSync(join(app, 'out/renderer/index.html'), '<!doctype html>\n');
    writeFileSync(join(app, 'out/renderer/assets/index.js'), '// renderer\n');
    writeFileSync(join(app, 'out/renderer/assets/index.js.map'), '{}');
    writeFileSync(join(app, 'out/runner/fleet-control.cjs'), '// the bundled CLI\n');
    const cli = join(REPO, 'node_modules', 'electron-builder', 'cli.js');
    const args = [cli, '--linux', 'dir', '--publish', 'never', `-c.electronDist=${electronDist}`, '-c.electronVersion=45.4.1'];
    const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, args, { cwd: app, env: { ...process.env, ELECTRON_BUILDER_CACHE: join(project, 'cache') }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('close', (code) => resolve({ code, output }));
    });
    expect(result.code, result.output).toBe(0);
    unpacked = join(app, 'dist', 'linux-unpacked');
  }, 120_000);

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('flips the fuses in the packaged executable', async () => {
    const wire = await fuses.getCurrentFuseWire(join(unpacked, 'fleet-control'));
    const { FuseV1Options: option } = fuses;
    expect(wire[option.RunAsNode!]).toBe(OFF);
    expect(wire[option.EnableNodeOptionsEnvironmentVariable!]).toBe(OFF);
    expect(wire[option.EnableNodeCliInspectArguments!]).toBe(OFF);
    expect(wire[option.EnableEmbeddedAsarIntegrityValidation!]).toBe(ON);
    expect(wire[option.OnlyLoadAppFromAsar!]).toBe(ON);
    expect(wire[option.GrantFileProtocolExtraPrivileges!]).toBe(OFF);
  });

  it('packs the built app into app.asar where the packaged main script finds the renderer, without source maps', () => {
    const archive = join(unpacked, 'resources', 'app.asar');
    const files = asar.listPackage(archive, {}).map((file) => file.replace(/\\/g, '/'));
    const main = (JSON.parse(asar.extractFile(archive, 'package.json').toString()) as { main: string }).main;
    expect(files).toContain(`/${main}`);
    // What the app computes at run time from its main script's folder inside the archive.
    const location = resolveRendererLocation(dirname(join(archive, main)), true, {});
    expect(location).toMatchObject({ kind: 'app', url: 'app://fleet/index.html' });
    const rendererInArchive = relative(archive, location.kind === 'app' ? location.rendererDir : '').replace(/\\/g, '/');
    expect(files).toContain(`/${rendererInArchive}/index.html`);
    expect(files).toContain(`/${rendererInArchive}/assets/index.js`);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
  });

  it('ships the bundled CLI for CI runners as an extra resource, where the app looks for it, not inside app.asar', () => {
    expect(readFileSync(join(unpacked, 'resources', 'runner', 'fleet-control.cjs'), 'utf8')).toBe('// the bundled CLI\n');
    expect(asar.listPackage(join(unpacked, 'resources', 'app.asar'), {}).filter((file) => file.includes('runner'))).toEqual([]);
  });

  it('writes the update feed the packaged app reads', () => {
    const feed = readFileSync(join(unpacked, 'resources', 'app-update.yml'), 'utf8');
    expect(feed).toMatch(/^provider: github$/m);
    expect(feed).toMatch(/^owner: fleet-control$/m);
  });
});
