// Bounding text for the transcript and for what goes back to the model: the head and the tail are kept (a check's
// verdict and a stack's top are at the ends), the middle is replaced by a marker saying how much was left out.

/** What the transcript keeps of one tool result or check output. */
export const TRANSCRIPT_RESULT_CHARS = 4000;
/** What a failed check sends back to the model in a repair round. */
export const REPAIR_OUTPUT_CHARS = 12_000;

/** `text` cut to about `max` characters (head two thirds, tail one third); `cut` says whether anything was left out. */
export function headAndTail(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  const head = Math.floor((max * 2) / 3);
  const tail = max - head;
  const omitted = text.length - head - tail;
  return { text: `${text.slice(0, head)}\n[… ${omitted} characters not shown …]\n${text.slice(text.length - tail)}`, cut: true };
}

/** The arguments as the transcript records them: parsed when valid JSON, else the raw text. */
export function argumentsForTranscript(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
