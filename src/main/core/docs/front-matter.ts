// Minimal YAML-style front matter ("---\nkey: value\n---") as the module documents use it.

export interface FrontMatter {
  fields: Record<string, string>;
  body: string;
}

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Splits `text` into its front matter fields (flat `key: value` lines) and the markdown body. */
export function parseFrontMatter(text: string): FrontMatter {
  const match = FENCE.exec(text);
  if (!match) return { fields: {}, body: text };
  const fields: Record<string, string> = {};
  for (const line of (match[1] ?? '').split(/\r?\n/)) {
    const kv = /^([A-Za-z0-9_-]+):\s*(.*)$/.exec(line);
    if (kv) fields[kv[1]!] = (kv[2] ?? '').replace(/^["']|["']$/g, '').trim();
  }
  return { fields, body: text.slice(match[0].length) };
}

/** True when the front matter records an approval (`approved: <date or name>`, not false/empty). */
export function isApproved(fields: Record<string, string>): boolean {
  const value = (fields.approved ?? '').toLowerCase();
  return value !== '' && value !== 'false' && value !== 'no';
}

/** Returns `text` with front matter field `key` set to `value` (front matter added when absent). */
export function setFrontMatterField(text: string, key: string, value: string): string {
  const match = FENCE.exec(text);
  const line = `${key}: ${value}`;
  if (!match) return `---\n${line}\n---\n\n${text}`;
  const lines = (match[1] ?? '').split(/\r?\n/);
  const at = lines.findIndex((l) => l.startsWith(`${key}:`));
  if (at >= 0) lines[at] = line;
  else lines.push(line);
  return `---\n${lines.join('\n')}\n---\n${text.slice(match[0].length)}`;
}
