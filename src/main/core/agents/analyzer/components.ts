// React components declared in a file: exported or top-level functions and constants named in PascalCase that
// return JSX, and classes extending Component / PureComponent.

export interface ComponentDecl {
  name: string;
  line: number;
  exported: boolean;
}

const FUNCTION = /^(export\s+(?:default\s+)?)?(?:async\s+)?function\s+([A-Z][A-Za-z0-9_]*)\s*[(<]/gm;
const CONSTANT = /^(export\s+)?const\s+([A-Z][A-Za-z0-9_]*)\s*(?::\s*[^=]+)?=\s*(?:React\.)?(?:memo\(|forwardRef\(|\(|async\s*\(|function\b|[a-z_$][\w$]*\s*=>)/gm;
const CLASS = /^(export\s+(?:default\s+)?)?class\s+([A-Z][A-Za-z0-9_]*)\s+extends\s+(?:React\.)?(?:Component|PureComponent)\b/gm;

/** True when the text contains JSX (an element or fragment). */
function hasJsx(text: string): boolean {
  return /<([A-Za-z][\w.]*)(\s[^<>]*)?\/?>|<>/.test(text) && /(return\s*\(?\s*<|=>\s*\(?\s*<)/.test(text);
}

/** Components in `text` of a .jsx/.tsx (or JSX-bearing .js) file. */
export function findComponents(path: string, text: string): ComponentDecl[] {
  if (!/\.(jsx|tsx|js)$/i.test(path) || !hasJsx(text)) return [];
  const found = new Map<string, ComponentDecl>();
  for (const pattern of [FUNCTION, CONSTANT, CLASS]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const name = m[2]!;
      if (found.has(name)) continue;
      const line = text.slice(0, m.index).split('\n').length;
      found.set(name, { name, line, exported: Boolean(m[1]) });
    }
  }
  return [...found.values()].sort((a, b) => a.line - b.line);
}
