// Splits markdown into top-level blocks that render the same alone as together, so a preview of a long document
// parses again only the block that changed (the end, while an agent run streams; the paragraph being typed).
// A split falls only at a blank line followed by an unindented line that is not a list item (it cannot belong to
// the block before: lists, quotes and indented code end there) and never inside a fenced code block. Documents
// with link reference definitions or footnotes, which reach across blocks, are not split.

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^([-+*]|\d{1,9}[.)])(\s|$)/;
const ACROSS_BLOCKS = /^ {0,3}\[[^\]]+\]:|\[\^[^\]]+\]/m;

/** The blocks of `text` in order (joined with blank lines they give back the document), or null when it must render whole. */
export function markdownBlocks(text: string): string[] | null {
  if (ACROSS_BLOCKS.test(text)) return null;
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  let blank = false;
  for (const line of text.split('\n')) {
    const opener = FENCE.exec(line)?.[1];
    const startsBlock = !fence && blank && line !== '' && !/^\s/.test(line) && !LIST_ITEM.test(line);
    if (startsBlock && current.length > 0) {
      blocks.push(current.join('\n').replace(/\n+$/, ''));
      current = [];
    }
    if (fence) {
      if (opener && opener[0] === fence[0] && opener.length >= fence.length) fence = null;
    } else if (opener) fence = opener;
    blank = line.trim() === '';
    if (current.length > 0 || !blank) current.push(line);
  }
  const last = current.join('\n').replace(/\n+$/, '');
  if (last) blocks.push(last);
  return blocks;
}
