// Splits markdown at the blank lines between its top-level blocks (never inside a fenced code block), so a preview
// of text that grows at its end (an agent run streaming) parses again only the block that is growing.

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The blocks of `text` in order; joining them with blank lines gives back the same document. */
export function markdownBlocks(text: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  for (const line of text.split('\n')) {
    const opener = FENCE.exec(line)?.[1];
    if (fence) {
      if (opener && opener[0] === fence[0] && opener.length >= fence.length) fence = null;
    } else if (opener) fence = opener;
    if (!fence && line.trim() === '' && current.length > 0) {
      blocks.push(current.join('\n'));
      current = [];
      continue;
    }
    if (line.trim() !== '' || fence || current.length > 0) current.push(line);
  }
  if (current.length > 0) blocks.push(current.join('\n'));
  return blocks;
}
