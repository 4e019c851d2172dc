// Seeded randomness for the generated repository: a small PRNG for choices, AES-CTR for incompressible bytes.
// The same seed gives the same repository, byte for byte.

import { createCipheriv, createHash } from 'node:crypto';

/** sfc32, seeded from a string: fast, good enough for shaping a synthetic history. */
export function createRng(seed) {
  const h = createHash('sha256').update(String(seed)).digest();
  let a = h.readUInt32LE(0);
  let b = h.readUInt32LE(4);
  let c = h.readUInt32LE(8);
  let d = h.readUInt32LE(12);
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    next,
    /** Integer in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    /** Picks with a bias towards the start of the list (hot files get most of the edits). */
    pickSkewed: (list, power = 2) => list[Math.floor(Math.pow(next(), power) * list.length)],
  };
}

/** `length` incompressible bytes derived from `seed` (AES-256-CTR keystream). */
export function seededBytes(seed, length) {
  const key = createHash('sha256').update(`key:${seed}`).digest();
  const iv = createHash('sha256').update(`iv:${seed}`).digest().subarray(0, 16);
  const cipher = createCipheriv('aes-256-ctr', key, iv);
  return Buffer.concat([cipher.update(Buffer.alloc(length)), cipher.final()]);
}
