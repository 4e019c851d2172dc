// The rules scripts/electron-binary.mjs applies before and while fetching Electron: when it cannot run at all, which
// artifact Electron's installer will ask for (so the pre-fetch is its cache hit), and how progress and errors read.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { electronRunBlocker, installedElectron, installerArtifact, oneLine, progressLine } from '../../scripts/electron-binary.mjs';

const dirs: string[] = [];
function fakePackage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-electron-pkg-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ version: '45.4.1' }));
  writeFileSync(join(dir, 'checksums.json'), JSON.stringify({ 'electron-v45.4.1-linux-x64.zip': 'abc' }));
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('electronRunBlocker', () => {
  it('blocks Linux without a display and Linux as root, nothing elsewhere', () => {
    expect(electronRunBlocker({ platform: 'linux', env: {}, uid: 1000 })).toMatch(/no display/);
    expect(electronRunBlocker({ platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' }, uid: 1000 })).toBeNull();
    expect(electronRunBlocker({ platform: 'linux', env: { DISPLAY: ':0' }, uid: 0 })).toMatch(/as root/);
    expect(electronRunBlocker({ platform: 'darwin', env: {}, uid: 0 })).toBeNull();
    expect(electronRunBlocker({ platform: 'win32', env: {}, uid: undefined })).toBeNull();
  });
});

describe('installerArtifact', () => {
  it("uses the package's checksums unless remote checksums are asked for, as install.js does", () => {
    const dir = fakePackage();
    const host = { platform: 'linux', arch: 'x64' };
    expect(installerArtifact(dir, {}, host)).toMatchObject({ version: '45.4.1', artifactName: 'electron', platform: 'linux', arch: 'x64', checksums: { 'electron-v45.4.1-linux-x64.zip': 'abc' } });
    expect(installerArtifact(dir, { electron_use_remote_checksums: '1' }, host).checksums).toBeUndefined();
    expect(installerArtifact(dir, { npm_config_electron_use_remote_checksums: 'true' }, host).checksums).toBeUndefined();
  });

  it('honours the cache folder, the forced download and the platform and arch overrides', () => {
    const dir = fakePackage();
    const artifact = installerArtifact(dir, { electron_config_cache: '/c', force_no_cache: 'true', ELECTRON_INSTALL_PLATFORM: 'win32', npm_config_arch: 'arm64' }, { platform: 'linux', arch: 'x64' });
    expect(artifact).toMatchObject({ cacheRoot: '/c', force: true, platform: 'win32', arch: 'arm64' });
  });
});

describe('installedElectron', () => {
  it('finds the binary path.txt names under dist/, and says it is missing (and fetchable) otherwise', () => {
    const dir = fakePackage();
    expect(installedElectron(dir, {})).toEqual({ missing: 'the Electron binary is not downloaded yet', fetchable: true });
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(installedElectron(dir, {}).fetchable).toBe(true);
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '#!/bin/sh\n', { mode: 0o755 });
    expect(installedElectron(dir, {})).toEqual({ binary: join(dir, 'dist', 'electron') });
  });

  it('never fetches over ELECTRON_OVERRIDE_DIST_PATH', () => {
    const dir = fakePackage();
    expect(installedElectron(dir, { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'nowhere') })).toMatchObject({ fetchable: false });
  });
});

describe('progress and errors', () => {
  it('reads as a percentage when the size is known, megabytes otherwise', () => {
    expect(progressLine('Downloading', { transferred: 52_000_000, total: 104_000_000 })).toBe('Downloading: 50% of 104.0 MB');
    expect(progressLine('Downloading', { transferred: 3_500_000, total: null })).toBe('Downloading: 3.5 MB');
  });

  it("is one line, with fetch's cause", () => {
    const error = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    expect(oneLine(error)).toBe('fetch failed (connect ECONNREFUSED 127.0.0.1:9)');
    expect(oneLine(new Error('first\n    at stack'))).toBe('first');
  });
});
