// Applies git's binary deltas (OFS_DELTA / REF_DELTA pack entries) to their base object.

import { FleetError } from '../../../shared/errors';

function corrupt(reason: string): FleetError {
  return new FleetError('GIT_CORRUPT', `A delta in the repository's pack is damaged (${reason}). Run "git fsck" to check the repository.`);
}

/** Reads the little-endian base-128 size at `position`; returns the value and the next position. */
function readSize(delta: Uint8Array, position: number): [number, number] {
  let value = 0;
  let shift = 0;
  let byte: number;
  do {
    if (position >= delta.length) throw corrupt('truncated size');
    byte = delta[position++]!;
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, position];
}

/** The target size a delta declares, without applying it. */
export function deltaTargetSize(delta: Uint8Array): number {
  const [, afterSource] = readSize(delta, 0);
  return readSize(delta, afterSource)[0];
}

/** Rebuilds the target object from `base` and `delta` (source size, target size, copy/insert instructions). */
export function applyDelta(base: Buffer, delta: Buffer): Buffer {
  const [sourceSize, afterSource] = readSize(delta, 0);
  if (sourceSize !== base.length) throw corrupt(`base is ${base.length} bytes, delta expects ${sourceSize}`);
  const [targetSize, afterTarget] = readSize(delta, afterSource);
  let position = afterTarget;
  const target = Buffer.allocUnsafe(targetSize);
  let written = 0;
  while (position < delta.length) {
    const command = delta[position++]!;
    if (command & 0x80) {
      let offset = 0;
      let size = 0;
      for (let bit = 0; bit < 4; bit++) if (command & (1 << bit)) offset += delta[position++]! * 2 ** (8 * bit);
      for (let bit = 0; bit < 3; bit++) if (command & (0x10 << bit)) size += delta[position++]! << (8 * bit);
      if (size === 0) size = 0x10000;
      if (offset + size > base.length || written + size > targetSize) throw corrupt('copy outside the base or target');
      base.copy(target, written, offset, offset + size);
      written += size;
    } else if (command !== 0) {
      if (position + command > delta.length || written + command > targetSize) throw corrupt('insert past the end');
      delta.copy(target, written, position, position + command);
      position += command;
      written += command;
    } else {
      throw corrupt('reserved instruction 0');
    }
  }
  if (written !== targetSize) throw corrupt(`produced ${written} bytes, expected ${targetSize}`);
  return target;
}
