// How similar two file contents are, scored as git's rename detection scores them (diffcore-delta): each content is
// cut into chunks ending at a newline or after 64 bytes, chunks are hashed into buckets, and the score is the share of
// the larger file's bytes whose chunks the source also has. The same arithmetic as git's, so a file git calls renamed
// (50% by default) is renamed here too.

/** git's full score (100%); a rename needs at least DEFAULT_RENAME_SCORE. */
export const MAX_SCORE = 60_000;
export const DEFAULT_RENAME_SCORE = 30_000;
/** Buckets chunks hash into (a prime between 2^16 and 2^17, as git's). */
const HASH_BASE = 107_927;
const CHUNK = 64;
const LF = 0x0a;
const CR = 0x0d;

/** A content's chunk counts: bucket -> bytes of chunks hashing there, plus the content's size. */
export interface Fingerprint {
  size: number;
  chunks: Map<number, number>;
}

/** git's test for binary content: a NUL byte in the first 8000 bytes. */
function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}

/** Cuts `content` into chunks and counts their bytes per bucket; a last chunk with no newline is not counted (as git). */
export function fingerprint(content: Buffer): Fingerprint {
  const text = !isBinary(content);
  const chunks = new Map<number, number>();
  let high = 0;
  let low = 0;
  let length = 0;
  for (let i = 0; i < content.length; i++) {
    const byte = content[i]!;
    // In text, a CR before LF is not part of the content's identity (CRLF and LF files compare equal).
    if (text && byte === CR && content[i + 1] === LF) continue;
    const previousHigh = high;
    high = (((high << 7) ^ (low >>> 25)) + byte) >>> 0;
    low = ((low << 7) ^ (previousHigh >>> 25)) >>> 0;
    length++;
    if (length < CHUNK && byte !== LF) continue;
    const bucket = ((high + Math.imul(low, 0x61)) >>> 0) % HASH_BASE;
    chunks.set(bucket, (chunks.get(bucket) ?? 0) + length);
    length = 0;
    high = 0;
    low = 0;
  }
  return { size: content.length, chunks };
}

/** True when sizes alone rule a rename out: git does not compare files whose sizes differ by more than the score allows. */
export function sizesTooFar(sourceSize: number, targetSize: number, minimumScore = DEFAULT_RENAME_SCORE): boolean {
  const larger = Math.max(sourceSize, targetSize);
  const smaller = Math.min(sourceSize, targetSize);
  return larger * (MAX_SCORE - minimumScore) < (larger - smaller) * MAX_SCORE;
}

/** The similarity of `target` to `source`, 0..MAX_SCORE: bytes of the target's chunks found in the source, over the larger size. */
export function similarity(source: Fingerprint, target: Fingerprint, minimumScore = DEFAULT_RENAME_SCORE): number {
  if (sizesTooFar(source.size, target.size, minimumScore)) return 0;
  const larger = Math.max(source.size, target.size);
  if (larger === 0) return 0;
  let copied = 0;
  for (const [bucket, count] of source.chunks) {
    const there = target.chunks.get(bucket);
    if (there !== undefined) copied += Math.min(count, there);
  }
  return Math.floor((copied * MAX_SCORE) / larger);
}
