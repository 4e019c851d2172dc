// A small structural check of an HTML document for the tests (no HTML parser is a dependency): every element
// closed in order, void and self-closed SVG elements allowed, style content skipped; returns the elements found.

const VOID = new Set(['meta', 'br', 'link', 'img', 'input', 'hr', 'area', 'base', 'col', 'source', 'wbr']);

export interface HtmlElement {
  name: string;
  attributes: string;
}

/** Every element in document order; throws naming the first tag that breaks the nesting. */
export function checkWellFormed(text: string): HtmlElement[] {
  const body = text.replace(/^<!doctype html>/i, '').replace(/<!--[\s\S]*?-->/g, '');
  const stack: string[] = [];
  const elements: HtmlElement[] = [];
  const tag = /<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:="[^"]*")?)*)\s*(\/?)>/g;
  let position = 0;
  for (let match = tag.exec(body); match; match = tag.exec(body)) {
    const between = body.slice(position, match.index);
    if (between.includes('<') || between.includes('>')) throw new Error(`unescaped < or > in text before ${match[0]}: ${JSON.stringify(between.slice(0, 80))}`);
    const [whole, closing, rawName, attributes, selfClosing] = match;
    const name = rawName!.toLowerCase();
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open ?? 'nothing'}>`);
    } else {
      elements.push({ name, attributes: attributes ?? '' });
      if (name === 'style') {
        const end = body.indexOf('</style>', tag.lastIndex);
        if (end < 0) throw new Error('<style> is never closed');
        tag.lastIndex = end + '</style>'.length;
      } else if (!VOID.has(name) && !selfClosing) stack.push(name);
    }
    position = tag.lastIndex;
    void whole;
  }
  if (body.slice(position).trim()) throw new Error(`text after the last tag: ${body.slice(position, position + 80)}`);
  if (stack.length) throw new Error(`never closed: ${stack.join(' > ')}`);
  return elements;
}
