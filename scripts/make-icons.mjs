// Draws the app icon (a board of three columns of cards on a blue tile) and writes resources/icon.png (1024 px),
// resources/icon.icns (macOS), resources/icon.ico (Windows), resources/icons/<n>x<n>.png (Linux) and
// resources/icon.svg (the same drawing as a vector). Run `node scripts/make-icons.mjs` after changing the drawing.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');

// The drawing on a 1024 grid (Apple's icon grid: an 824 px tile with 100 px margins, corner radius 185).
const TILE = { x: 100, y: 100, w: 824, h: 824, r: 185 };
const TOP = [37, 99, 235]; // blue-600
const BOTTOM = [30, 58, 138]; // blue-900
const CARD = [255, 255, 255];
const ACCENT = [250, 204, 21]; // one card in yellow: the module being worked on
// Three columns of cards, as the board shows modules by phase.
const CARDS = [
  { x: 230, y: 250, w: 160, h: 150, color: CARD },
  { x: 230, y: 430, w: 160, h: 150, color: CARD },
  { x: 230, y: 610, w: 160, h: 150, color: CARD },
  { x: 432, y: 250, w: 160, h: 150, color: CARD },
  { x: 432, y: 430, w: 160, h: 150, color: ACCENT },
  { x: 634, y: 250, w: 160, h: 150, color: CARD },
].map((card) => ({ ...card, r: 28 }));

/** Signed distance from (px, py) to a rounded rectangle: negative inside. */
function roundedBox(px, py, box) {
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const qx = Math.abs(px - cx) - box.w / 2 + box.r;
  const qy = Math.abs(py - cy) - box.h / 2 + box.r;
  return Math.min(Math.max(qx, qy), 0) + Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) - box.r;
}

/** The colour and coverage at one point of the 1024 grid. */
function sample(x, y) {
  if (roundedBox(x, y, TILE) > 0) return null;
  for (const card of CARDS) if (roundedBox(x, y, card) <= 0) return card.color;
  const t = (y - TILE.y) / TILE.h;
  return TOP.map((top, i) => top + (BOTTOM[i] - top) * t);
}

/** RGBA pixels of the icon at `size` px, 4x4 samples per pixel for smooth edges. */
function render(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const scale = 1024 / size;
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let hits = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const color = sample((px + (sx + 0.5) / n) * scale, (py + (sy + 0.5) / n) * scale);
          if (!color) continue;
          r += color[0];
          g += color[1];
          b += color[2];
          hits++;
        }
      }
      const at = (py * size + px) * 4;
      if (hits === 0) continue;
      pixels[at] = Math.round(r / hits);
      pixels[at + 1] = Math.round(g / hits);
      pixels[at + 2] = Math.round(b / hits);
      pixels[at + 3] = Math.round((hits / (n * n)) * 255);
    }
  }
  return pixels;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG file (8-bit RGBA, no filtering) of `pixels`. */
function png(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** A 32-bit BMP (DIB) icon image: bottom-up BGRA rows, then the 1-bit AND mask (all shown: alpha decides). */
function dib(size, pixels) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // colour rows and mask rows
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const colour = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4;
      colour[to] = pixels[from + 2];
      colour[to + 1] = pixels[from + 1];
      colour[to + 2] = pixels[from];
      colour[to + 3] = pixels[from + 3];
    }
  }
  const mask = Buffer.alloc(Math.ceil(size / 32) * 4 * size);
  return Buffer.concat([header, colour, mask]);
}

/** An .ico holding BMP images up to 128 px (what every Windows tool reads) and a PNG at 256 px. */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, data } of images) {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size;
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    entries.push(entry);
    offset += data.length;
  }
  return Buffer.concat([header, ...entries, ...images.map((image) => image.data)]);
}

/** An .icns of PNG images under their OSType codes. */
function icns(images) {
  const parts = images.map(({ type, data }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

function svg() {
  const rect = (box, fill) => `<rect x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" rx="${box.r}" fill="${fill}"/>`;
  const rgb = (c) => `rgb(${c.join(',')})`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="1024" viewBox="0 0 1024 1024">
  <defs><linearGradient id="tile" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${rgb(TOP)}"/><stop offset="1" stop-color="${rgb(BOTTOM)}"/></linearGradient></defs>
  ${rect(TILE, 'url(#tile)')}
  ${CARDS.map((card) => rect(card, rgb(card.color))).join('\n  ')}
</svg>
`;
}

const cache = new Map();
const pixelsAt = (size) => cache.get(size) ?? cache.set(size, render(size)).get(size);
const pngAt = (size) => png(size, pixelsAt(size));

mkdirSync(join(OUT, 'icons'), { recursive: true });
writeFileSync(join(OUT, 'icon.svg'), svg());
writeFileSync(join(OUT, 'icon.png'), pngAt(1024));
for (const size of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(join(OUT, 'icons', `${size}x${size}.png`), pngAt(size));
const macTypes = [['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024], ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512]];
writeFileSync(join(OUT, 'icon.icns'), icns(macTypes.map(([type, size]) => ({ type, data: pngAt(size) }))));
const winImages = [16, 24, 32, 48, 64, 128].map((size) => ({ size, data: dib(size, pixelsAt(size)) }));
writeFileSync(join(OUT, 'icon.ico'), ico([...winImages, { size: 256, data: pngAt(256) }]));
console.log(`icons written to ${OUT}`);
