// Whether a document holds real content: the rule behind "written". Its template's headings and italic
// placeholders are not content, and a template with a line or two added is still a template.

import type { DocKind } from '../../../shared/documents';
import { parseFrontMatter } from './front-matter';
import { templateSections } from './templates';

const HEADING = /^#{1,6}\s+(.*?)\s*#*\s*$/;

/** A line with its markdown emphasis and spacing taken off, to compare with a placeholder's text. */
function plain(line: string): string {
  return line.trim().replace(/^[_*]+|[_*]+$/g, '').trim();
}

/**
 * True when `text` is written: it has content of its own (a line that is no heading and no placeholder of the
 * template) and either every section of the template holds such content or none of the placeholders is left.
 */
export function hasRealContent(kind: DocKind, text: string): boolean {
  const sections = templateSections(kind);
  const placeholders = new Set(sections.map((s) => s.placeholder));
  const filled = new Set<string>();
  let current: string | null = null;
  let content = false;
  let placeholderLeft = false;
  for (const line of parseFrontMatter(text).body.split(/\r?\n/)) {
    if (line.trim() === '' || /^<!--.*-->$/.test(line.trim())) continue;
    const heading = HEADING.exec(line.trim());
    if (heading) {
      // A level-one or level-two heading starts the next section; deeper ones stay inside it.
      if (/^#{1,2}\s/.test(line.trim())) current = (heading[1] ?? '').toLowerCase();
      continue;
    }
    if (placeholders.has(plain(line))) {
      placeholderLeft = true;
      continue;
    }
    content = true;
    if (current !== null) filled.add(current);
  }
  if (!content) return false;
  return !placeholderLeft || sections.every((s) => filled.has(s.heading.toLowerCase()));
}
