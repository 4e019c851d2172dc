// The bounds every tool answer keeps, so one call can never flood the model's context or the transcript.

/** Bounds of the tools' answers and work. */
export interface ToolLimits {
  /** read_file: lines when no limit is given, the most lines and bytes of one answer. */
  readDefaultLines: number;
  readMaxLines: number;
  readMaxBytes: number;
  /** list_files: the most paths listed. */
  listMaxFiles: number;
  /** search: the most matches, characters of a shown line, the largest file searched, time allowed. */
  searchMaxMatches: number;
  searchLineChars: number;
  searchMaxFileBytes: number;
  searchTimeoutMs: number;
  /** write_file / edit_file: the largest file written. */
  writeMaxBytes: number;
  /** run_check / run_command: bytes kept from the start and from the end of the output. */
  outputHeadBytes: number;
  outputTailBytes: number;
}

export const DEFAULT_TOOL_LIMITS: ToolLimits = {
  readDefaultLines: 400,
  readMaxLines: 2000,
  readMaxBytes: 64 * 1024,
  listMaxFiles: 1000,
  searchMaxMatches: 200,
  searchLineChars: 300,
  searchMaxFileBytes: 1024 * 1024,
  searchTimeoutMs: 10_000,
  writeMaxBytes: 4 * 1024 * 1024,
  outputHeadBytes: 8 * 1024,
  outputTailBytes: 24 * 1024,
};

/** `text` within `head` + `tail` bytes (UTF-8), with "… N bytes omitted …" between when cut. */
export function headAndTail(text: string, head: number, tail: number): { text: string; truncated: boolean } {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= head + tail) return { text, truncated: false };
  const omitted = bytes.length - head - tail;
  return { text: `${bytes.subarray(0, head).toString('utf8')}\n… ${omitted} bytes omitted …\n${bytes.subarray(bytes.length - tail).toString('utf8')}`, truncated: true };
}
