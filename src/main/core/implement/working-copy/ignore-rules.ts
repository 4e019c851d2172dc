// The working copy's `.gitignore` files, read as git reads them for untracked files: a check's build output or an
// installed node_modules is never part of a run's change, exactly as `git add -A` would leave it out.

import picomatch from 'picomatch';

interface Rule {
  negate: boolean;
  dirOnly: boolean;
  match: (path: string) => boolean;
}

/** The rules of one `.gitignore` in folder `base` ('' for the root), in file order. */
export interface IgnoreFile {
  base: string;
  rules: Rule[];
}

const OPTIONS = { dot: true, nocase: false } as const;

/** Parses the text of the `.gitignore` in folder `base`. */
export function parseIgnoreFile(base: string, text: string): IgnoreFile {
  const rules: Rule[] = [];
  for (let line of text.split(/\r?\n/u)) {
    if (line === '' || line.startsWith('#')) continue;
    // Trailing spaces are dropped unless escaped with a backslash.
    line = line.replace(/(?<!\\) +$/u, '');
    if (line === '') continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.replace(/\/+$/u, '');
    if (line === '') continue;
    const anchored = line.includes('/');
    const pattern = line.replace(/^\//u, '');
    const matcher = picomatch(pattern, OPTIONS);
    // Without a slash the pattern matches a name at any depth; with one, the path relative to the .gitignore's folder.
    const match = anchored ? (rel: string) => matcher(rel) : (rel: string) => matcher(rel.slice(rel.lastIndexOf('/') + 1));
    rules.push({ negate, dirOnly, match });
  }
  return { base, rules };
}

/** Whether `path` (relative to the copy) is ignored by `files` (outermost first; the last matching rule wins). */
export function isIgnored(files: readonly IgnoreFile[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const file of files) {
    if (file.base !== '' && !path.startsWith(`${file.base}/`)) continue;
    const rel = file.base === '' ? path : path.slice(file.base.length + 1);
    for (const rule of file.rules) {
      if (rule.dirOnly && !isDir) continue;
      if (rule.match(rel)) ignored = !rule.negate;
    }
  }
  return ignored;
}
