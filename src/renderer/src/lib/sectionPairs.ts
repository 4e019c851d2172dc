// Pairs the sections of two markdown documents by heading (as-is ↔ to-be), so two different documents can
// be read side by side: the same headings on one row, a section found on one side only against an empty cell.

import { splitFrontMatter } from './frontMatter';

export interface Section {
  /** 0 for the text before the first heading, else the heading's level (1-6). */
  level: number;
  heading: string;
  /** The section's markdown, its heading line included, trimmed. */
  text: string;
}

export interface SectionPair {
  left?: Section;
  right?: Section;
  /** Both sides present with the same text. */
  same: boolean;
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Splits markdown (front matter dropped) into sections at ATX headings, ignoring '#' lines inside code fences. */
export function splitSections(markdown: string): Section[] {
  const sections: Section[] = [];
  let current: Section = { level: 0, heading: '', text: '' };
  const lines: string[] = [];
  let fence: string | null = null;
  const flush = () => {
    const text = lines.join('\n').trim();
    if (current.level > 0 || text) sections.push({ ...current, text });
    lines.length = 0;
  };
  for (const line of splitFrontMatter(markdown).body.split(/\r?\n/)) {
    const open = FENCE.exec(line);
    if (open) {
      if (fence === null) fence = open[1]![0]!.repeat(open[1]!.length);
      else if (line.trim().startsWith(fence)) fence = null;
    }
    const heading = fence === null && !open ? HEADING.exec(line) : null;
    if (heading) {
      flush();
      current = { level: heading[1]!.length, heading: (heading[2] ?? '').trim(), text: '' };
    }
    lines.push(line);
  }
  flush();
  return sections;
}

/** Heading text compared case-, punctuation- and spacing-insensitively. */
export function normaliseHeading(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[`*_~[\]()]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// The document's leading text and its first top-level heading (the title, which names the document kind
// and so always differs) pair with their counterparts; other sections pair by level and heading text.
function keys(sections: Section[]): string[] {
  const seen = new Map<string, number>();
  let titled = false;
  return sections.map((s, i) => {
    let base = `${s.level}:${normaliseHeading(s.heading)}`;
    if (s.level === 0) base = 'lead';
    else if (s.level === 1 && !titled && sections.slice(0, i).every((p) => p.level === 0)) {
      titled = true;
      base = 'title';
    }
    // A heading that repeats pairs with the same occurrence on the other side.
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return `${base}#${n}`;
  });
}

/** Rows in the order of `right` (the to-be); a section only in `left` comes right after its predecessor in `left`. */
export function pairSections(left: string, right: string): SectionPair[] {
  const [ls, rs] = [splitSections(left), splitSections(right)];
  const [lk, rk] = [keys(ls), keys(rs)];
  const leftByKey = new Map(lk.map((k, i) => [k, i]));
  const rows: Array<{ left?: number; right?: number }> = rs.map((_, i) => ({ left: leftByKey.get(rk[i]!), right: i }));
  const rowOfLeft = new Map<number, (typeof rows)[number]>();
  for (const row of rows) if (row.left !== undefined) rowOfLeft.set(row.left, row);
  ls.forEach((_, i) => {
    if (rowOfLeft.has(i)) return;
    const before = i > 0 ? rowOfLeft.get(i - 1) : undefined;
    const row = { left: i };
    rows.splice(before ? rows.indexOf(before) + 1 : 0, 0, row);
    rowOfLeft.set(i, row);
  });
  return rows.map((row) => {
    const l = row.left === undefined ? undefined : ls[row.left];
    const r = row.right === undefined ? undefined : rs[row.right];
    return { left: l, right: r, same: !!l && !!r && l.text === r.text };
  });
}
