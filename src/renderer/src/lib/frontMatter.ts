// Splits a document's leading front matter (--- ... ---) from its markdown body, so it can be shown as
// a small table instead of as text. Only simple "key: value" lines are read; anything else stays raw.

export interface FrontMatter {
  entries: Array<{ key: string; value: string }>;
  body: string;
}

const BLOCK = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) return v.slice(1, -1);
  return v;
}

export function splitFrontMatter(text: string): FrontMatter {
  const match = BLOCK.exec(text);
  if (!match) return { entries: [], body: text };
  const entries: FrontMatter['entries'] = [];
  let last: { key: string; value: string } | undefined;
  for (const line of match[1]!.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const kv = /^([A-Za-z0-9_][\w .-]*):(?:\s+(.*))?$/.exec(line);
    if (kv) {
      last = { key: kv[1]!.trim(), value: unquote(kv[2] ?? '') };
      entries.push(last);
    } else if (last && /^\s+/.test(line)) {
      // A continuation or list item under the previous key: keep it readable on one line.
      const item = line.trim().replace(/^-\s+/, '');
      last.value = last.value ? `${last.value}, ${unquote(item)}` : unquote(item);
    }
  }
  return { entries, body: text.slice(match[0].length) };
}
