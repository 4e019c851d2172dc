// Generated reports live between two HTML comment markers inside a document, so regenerating one replaces only
// that section and keeps everything a user wrote around it (front matter, notes, approvals). A document without
// the markers gets the section appended; a missing or untouched (template) document is started afresh.

export const GENERATED_START = '<!-- fleet-control:generated:start - regenerated from the repository; write your own text outside these markers -->';
export const GENERATED_END = '<!-- fleet-control:generated:end -->';

const START = /^<!-- fleet-control:generated:start\b.*-->[ \t]*$/m;
const END = /^<!-- fleet-control:generated:end\b.*-->[ \t]*$/m;

/** The generated body wrapped in its markers. */
export function wrapGenerated(body: string): string {
  return `${GENERATED_START}\n${body.trim()}\n${GENERATED_END}`;
}

export interface MergedText {
  text: string;
  /** True when text outside the generated section (besides front matter and headings it started with) was kept. */
  keptUserText: boolean;
}

/** Places `body` in `current`: between its markers, else appended; `fresh` builds a new document around the section. */
export function placeGenerated(current: string | null, untouched: boolean, body: string, fresh: (section: string) => string): MergedText {
  const section = wrapGenerated(body);
  if (current === null || untouched) return { text: fresh(section), keptUserText: false };
  const start = START.exec(current);
  const end = start ? END.exec(current.slice(start.index)) : null;
  if (start && end) {
    const before = current.slice(0, start.index);
    const after = current.slice(start.index + end.index + end[0].length);
    return { text: `${before}${section}${after}`, keptUserText: true };
  }
  return { text: `${current.replace(/\s+$/, '')}\n\n${section}\n`, keptUserText: true };
}
