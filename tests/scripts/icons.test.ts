// The committed icons hold what each platform reads: the .icns its PNG sizes under their type codes, the .ico 32-bit
// images up to 256 px (BMP below 256, PNG at 256) whose pixels show the drawing, Linux's PNGs at their named sizes.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const RESOURCES = join(__dirname, '..', '..', 'resources');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(data: Buffer): number {
  expect(data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(data.readUInt32BE(16)).toBe(data.readUInt32BE(20));
  return data.readUInt32BE(16);
}

describe('icons in resources/', () => {
  it('icon.icns lists each PNG under the type code of its size', () => {
    const icns = readFileSync(join(RESOURCES, 'icon.icns'));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: Record<string, number> = {};
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) found[icns.toString('latin1', at, at + 4)] = pngSize(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4)));
    expect(found).toEqual({ ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512 });
  });

  it('icon.ico holds 16 to 256 px images, BMPs whose middle is a white card and whose corner is transparent', () => {
    const ico = readFileSync(join(RESOURCES, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes: number[] = [];
    for (let i = 0; i < ico.readUInt16LE(4); i++) {
      const entry = 6 + i * 16;
      const size = ico[entry] || 256;
      const image = ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8));
      sizes.push(size);
      if (size === 256) {
        expect(pngSize(image)).toBe(256);
        continue;
      }
      expect([image.readUInt32LE(0), image.readInt32LE(4), image.readInt32LE(8), image.readUInt16LE(14)]).toEqual([40, size, size * 2, 32]);
      // Bottom-up BGRA rows: the pixel a third of the way in from the top left lies on the first card.
      const pixel = (x: number, y: number) => [...image.subarray(40 + ((size - 1 - y) * size + x) * 4, 40 + ((size - 1 - y) * size + x) * 4 + 4)];
      expect(pixel(Math.floor(size * 0.3), Math.floor(size * 0.3))).toEqual([255, 255, 255, 255]);
      expect(pixel(0, 0)[3]).toBe(0);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('the Linux icons and icon.png are PNGs of the size their names say', () => {
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(pngSize(readFileSync(join(RESOURCES, 'icons', `${size}x${size}.png`)))).toBe(size);
    expect(pngSize(readFileSync(join(RESOURCES, 'icon.png')))).toBe(1024);
  });
});
