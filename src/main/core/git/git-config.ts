// Reads values from git's config files (the INI-like format), enough for the keys the core needs.

import { readGitText } from './git-file-read';

/** Parsed config: "section.key" or "section.subsection.key" (section and key lower-cased) -> last value. */
export type GitConfig = Map<string, string>;

function unquote(raw: string): string {
  let value = raw.trim();
  const comment = /^((?:[^"#;]|"[^"]*")*)[#;]/.exec(value);
  if (comment) value = comment[1]!.trim();
  return value.replace(/^"(.*)"$/, '$1').replace(/\\(["\\])/g, '$1');
}

/** Parses config text; later values of a key replace earlier ones, as git's single-value lookups do. */
export function parseGitConfig(text: string): GitConfig {
  const config: GitConfig = new Map();
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([^\s\]"]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]/.exec(line);
    if (header) {
      const name = header[1]!.toLowerCase();
      section = header[2] === undefined ? name : `${name}.${header[2]}`;
      continue;
    }
    const pair = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=(.*))?$/.exec(line);
    if (pair && section) config.set(`${section}.${pair[1]!.toLowerCase()}`, pair[2] === undefined ? 'true' : unquote(pair[2]));
  }
  return config;
}

/**
 * Reads and parses a config file; a missing or unreadable file is an empty config. Read synchronously: a config file
 * is a few hundred bytes, and an asynchronous read is four trips through the thread pool (a push reads five).
 */
export async function readGitConfig(path: string): Promise<GitConfig> {
  return parseGitConfig(readGitText(path));
}

/** git's boolean spelling: true/yes/on/1 are true. */
export function configBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  return ['true', 'yes', 'on', '1'].includes(value.toLowerCase());
}
