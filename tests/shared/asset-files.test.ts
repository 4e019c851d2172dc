// The one classification of asset and binary files: by extension, and by content as git decides binary.

import { describe, expect, it } from 'vitest';
import { fileExtension, isAssetPath, looksBinary, splitAssets } from '../../src/shared/asset-files';

describe('asset files', () => {
  it('classifies images, screenshots, 3D models, fonts, media, archives and binaries as assets', () => {
    for (const path of [
      'web/public/logo.PNG',
      'e2e/__screenshots__/board-dark.png',
      'assets/models/truck.glb',
      'assets/models/truck.gltf',
      'assets/models/trailer.fbx',
      'assets/models/part.stl',
      'web/src/fonts/Inter.woff2',
      'docs/intro.mp4',
      'vendor/sdk.zip',
      'release/app.tar.gz',
      'bin/tool.exe',
      'data/fleet.sqlite',
      'icons/truck.svg',
      'docs/spec.pdf',
    ]) expect(isAssetPath(path), path).toBe(true);
  });

  it('keeps code, configuration, documentation and extensionless files as code', () => {
    for (const path of ['src/App.tsx', 'api/routes/fleet.routes.ts', 'package.json', 'README.md', 'Dockerfile', '.env.example', 'src/styles/app.css', 'web/src/.eslintrc', 'tests/__snapshots__/card.test.ts.snap']) {
      expect(isAssetPath(path), path).toBe(false);
    }
    expect(fileExtension('.gitignore')).toBe('');
    expect(fileExtension('dir.v2/Makefile')).toBe('');
  });

  it('judges content as git does: a NUL byte among the first 8,000 bytes makes it binary', () => {
    expect(looksBinary(new TextEncoder().encode('export const a = 1;\n'))).toBe(false);
    expect(looksBinary(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]))).toBe(true);
    const late = new Uint8Array(9000).fill(0x61);
    late[8500] = 0;
    expect(looksBinary(late)).toBe(false);
  });

  it('splits a list into code and assets, keeping the order', () => {
    expect(splitAssets(['b.ts', 'a.png', 'c.md', 'd.glb'])).toEqual({ code: ['b.ts', 'c.md'], assets: ['a.png', 'd.glb'] });
  });
});
