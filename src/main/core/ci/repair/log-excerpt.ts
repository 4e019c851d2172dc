// Bounded excerpts of CI logs: a download read as a stream keeping only its head and a rolling tail, host noise
// (timestamps, colour codes) removed, and the lines worth showing a model chosen: the first lines, the lines before
// the first error marker, and the last lines, with what was left out said in the text.

/** Bytes kept from the start and the end of a log download; the middle is counted, not kept. */
export const LOG_HEAD_BYTES = 256 * 1024;
export const LOG_TAIL_BYTES = 2 * 1024 * 1024;

export interface ReadLog {
  head: string;
  /** The end of the log, or '' when the whole log fit in `head`. */
  tail: string;
  totalBytes: number;
}

/** Reads a stream keeping its first `headBytes` and last `tailBytes` (decoded as UTF-8, cut at line ends). */
export async function readHeadAndTail(body: ReadableStream<Uint8Array>, headBytes = LOG_HEAD_BYTES, tailBytes = LOG_TAIL_BYTES): Promise<ReadLog> {
  const head: Buffer[] = [];
  let headSize = 0;
  const tail: Buffer[] = [];
  let tailSize = 0;
  let total = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    let bytes = Buffer.from(chunk);
    total += bytes.length;
    if (headSize < headBytes) {
      const take = bytes.subarray(0, headBytes - headSize);
      head.push(take);
      headSize += take.length;
      bytes = bytes.subarray(take.length);
    }
    if (bytes.length === 0) continue;
    tail.push(bytes);
    tailSize += bytes.length;
    while (tail.length > 1 && tailSize - tail[0]!.length >= tailBytes) tailSize -= tail.shift()!.length;
  }
  let tailBuffer = Buffer.concat(tail);
  if (tailBuffer.length > tailBytes) tailBuffer = tailBuffer.subarray(tailBuffer.length - tailBytes);
  const headText = Buffer.concat(head).toString('utf8');
  if (tailBuffer.length === 0) return { head: headText, tail: '', totalBytes: total };
  // A tail that starts mid-line (or mid-character) drops its first partial line.
  const tailText = tailBuffer.toString('utf8');
  const cut = total > headSize + tailBuffer.length ? tailText.indexOf('\n') + 1 : 0;
  return { head: headText, tail: tailText.slice(cut), totalBytes: total };
}

const TIMESTAMP = /^\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/;
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
const ERROR_MARK = /##\[error\]|^\s*(?:error|Error|ERROR)\b|\bFAIL\b|✗|✖/;

/** One line as a person reads it: the host's timestamp prefix and terminal colour codes removed. */
export function cleanLogLine(line: string): string {
  return line.replace(TIMESTAMP, '').replace(ANSI, '').replace(/\r$/, '');
}

export interface ExcerptBounds {
  headLines: number;
  beforeError: number;
  tailLines: number;
  maxChars: number;
}

export const DEFAULT_EXCERPT: ExcerptBounds = { headLines: 30, beforeError: 40, tailLines: 120, maxChars: 6000 };

/**
 * The lines of a log worth showing: its first lines, the lines up to the first error marker, its last lines, gaps
 * marked with how many lines were left out; then cut to `maxChars`, keeping the end (where failures are reported).
 * `tail` and `middle` are for a log read as head and tail: the tail's lines, and what was not read between them.
 */
export function excerptLines(lines: string[], bounds: ExcerptBounds = DEFAULT_EXCERPT, tail: string[] = [], middle = ''): string {
  const all = lines.map(cleanLogLine);
  const keep = new Set<number>();
  if (tail.length > 0) {
    keep.add(all.length);
    all.push(`[… ${middle || 'the middle of the log'} not read …]`, ...tail.map(cleanLogLine));
  }
  for (let i = 0; i < Math.min(bounds.headLines, all.length); i++) keep.add(i);
  const firstError = all.findIndex((line) => ERROR_MARK.test(line));
  if (firstError >= 0) for (let i = Math.max(0, firstError - bounds.beforeError); i <= Math.min(all.length - 1, firstError + 5); i++) keep.add(i);
  for (let i = Math.max(0, all.length - bounds.tailLines); i < all.length; i++) keep.add(i);
  const out: string[] = [];
  let previous = -1;
  for (let i = 0; i < all.length; i++) {
    if (!keep.has(i)) continue;
    if (i - previous > 1) out.push(`[… ${i - previous - 1} lines not shown …]`);
    out.push(all[i]!);
    previous = i;
  }
  if (previous < all.length - 1) out.push(`[… ${all.length - 1 - previous} lines not shown …]`);
  return keepEnd(out.join('\n'), bounds.maxChars);
}

/** `text` cut to `maxChars`: its first fifth and its end, the cut marked. */
export function keepEnd(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const headChars = Math.floor(maxChars / 5);
  const tailChars = maxChars - headChars - 40;
  const headEnd = text.lastIndexOf('\n', headChars);
  const tailStart = text.indexOf('\n', text.length - tailChars);
  const head = text.slice(0, headEnd > 0 ? headEnd : headChars);
  const rest = text.slice(tailStart > 0 ? tailStart + 1 : text.length - tailChars);
  return `${head}\n[… ${text.length - head.length - rest.length} characters not shown …]\n${rest}`;
}

/** The first `maxLines` lines of a summary, at most `maxChars`, or null when it is empty. */
export function firstLines(text: string | null | undefined, maxLines = 12, maxChars = 1200): string | null {
  const trimmed = (text ?? '').replace(ANSI, '').trim();
  if (!trimmed) return null;
  const lines = trimmed.split(/\r?\n/);
  let shown = lines.slice(0, maxLines).join('\n');
  if (shown.length > maxChars) shown = `${shown.slice(0, maxChars)}…`;
  return lines.length > maxLines ? `${shown}\n[… ${lines.length - maxLines} more lines]` : shown;
}
