// Suggestions of path patterns from the repository's file names: folders and files whose names contain a word
// of the module's id or title become concrete patterns (src/pages/drivers/**, api/routes/driver*.ts), ranked by
// how many files each adds to what the current patterns match. One pass over the cached file list, no git calls.

import picomatch from 'picomatch';
import type { PatternSuggestion } from '../../../shared/types-scope';
import type { ScopeWord } from './scope-words';

const MATCH_OPTIONS = { nocase: true, dot: true } as const;
const SAMPLE_SIZE = 5;
const MAX_SUGGESTIONS = 25;

export interface SuggestionInput {
  files: string[];
  /** Files the current patterns already match. */
  covered: ReadonlySet<string>;
  words: ScopeWord[];
  /** Patterns never to suggest: the current ones and the rejected ones. */
  exclude: ReadonlySet<string>;
}

interface Candidate {
  pattern: string;
  word: string;
  /** Files the pattern matches. */
  files: string[];
}

interface FileGroup {
  dir: string;
  word: string;
  /** The forms of the word the names contain ("priority", "priorities"). */
  forms: Set<string>;
  names: string[];
}

/** A literal path part as a glob: characters with a meaning in patterns are escaped. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]{}()!+@\\]/g, '\\$&');
}

/** The first word whose singular or plural form `segment` (lowercase) contains, with that form. */
function wordIn(segment: string, words: ScopeWord[]): { word: string; form: string } | undefined {
  for (const w of words) {
    const form = w.forms.find((f) => segment.includes(f));
    if (form) return { word: w.word, form };
  }
  return undefined;
}

/** The longest text every one of `forms` starts with: "priorit" for priority/priorities. */
function commonPrefix(forms: string[]): string {
  let prefix = forms[0] ?? '';
  for (const form of forms) while (!form.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** `driver*.ts` when every name starts with the word and shares one extension; `*dispatch*` otherwise. */
function namePattern(forms: Set<string>, names: string[]): string {
  const literal = commonPrefix([...forms]);
  const lower = names.map((n) => n.toLowerCase());
  const extensions = new Set(lower.map((n) => /\.[a-z0-9]+$/.exec(n)?.[0] ?? ''));
  const extension = extensions.size === 1 ? [...extensions][0]! : '';
  const stem = lower.every((n) => n.startsWith(literal)) ? `${literal}*` : `*${literal}*`;
  return `${stem}${extension}`;
}

/** Folder and file-name candidates for the module's words, each with the files it matches. */
function candidates(files: string[], words: ScopeWord[]): Candidate[] {
  const folders = new Map<string, Candidate>();
  const groups = new Map<string, FileGroup>();
  const allForms = words.flatMap((w) => w.forms);
  for (const file of files) {
    const lower = file.toLowerCase();
    if (!allForms.some((form) => lower.includes(form))) continue;
    const segments = lower.split('/');
    // The first (outermost) segment naming the word: a folder covers everything below it.
    const index = segments.findIndex((segment) => wordIn(segment, words) !== undefined);
    if (index < 0) continue; // the word only spans a "/"
    const { word, form } = wordIn(segments[index]!, words)!;
    const original = file.split('/');
    if (index < segments.length - 1) {
      const key = segments.slice(0, index + 1).join('/');
      let folder = folders.get(key);
      if (!folder) folders.set(key, (folder = { pattern: `${escapeGlob(original.slice(0, index + 1).join('/'))}/**`, word, files: [] }));
      folder.files.push(file);
    } else {
      const dir = original.slice(0, -1).join('/');
      const key = `${dir.toLowerCase()}\0${word}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { dir, word, forms: new Set(), names: [] }));
      group.forms.add(form);
      group.names.push(original.at(-1)!);
    }
  }
  return [...folders.values(), ...fileCandidates(files, [...groups.values()])];
}

/** One pattern per (folder, word) group of file names; its matches counted with picomatch among the folder's files. */
function fileCandidates(files: string[], groups: FileGroup[]): Candidate[] {
  if (groups.length === 0) return [];
  const dirs = new Set(groups.map((g) => g.dir.toLowerCase()));
  const children = new Map<string, string[]>();
  for (const file of files) {
    const slash = file.lastIndexOf('/');
    const dir = slash < 0 ? '' : file.slice(0, slash).toLowerCase();
    if (!dirs.has(dir)) continue;
    let list = children.get(dir);
    if (!list) children.set(dir, (list = []));
    list.push(file);
  }
  return groups.map((group) => {
    const pattern = `${group.dir ? `${escapeGlob(group.dir)}/` : ''}${namePattern(group.forms, group.names)}`;
    const matches = picomatch(pattern, MATCH_OPTIONS);
    return { pattern, word: group.word, files: (children.get(group.dir.toLowerCase()) ?? []).filter((f) => matches(f)) };
  });
}

/** Ranked suggestions: the files each adds beyond `covered`, never one that adds nothing or is excluded. */
export function findSuggestions(input: SuggestionInput): PatternSuggestion[] {
  const { files, covered, words, exclude } = input;
  if (words.length === 0) return [];
  // A pattern taking in most of the repository (a top folder named after the product) is not a module's scope.
  const tooBroad = Math.max(100, files.length / 2);
  const suggestions: PatternSuggestion[] = [];
  for (const candidate of candidates(files, words)) {
    if (exclude.has(candidate.pattern) || candidate.files.length > tooBroad) continue;
    const added = candidate.files.filter((f) => !covered.has(f));
    if (added.length === 0) continue;
    suggestions.push({ pattern: candidate.pattern, word: candidate.word, filesAdded: added.length, sample: added.slice(0, SAMPLE_SIZE) });
  }
  suggestions.sort((a, b) => b.filesAdded - a.filesAdded || a.pattern.length - b.pattern.length || a.pattern.localeCompare(b.pattern));
  return suggestions.slice(0, MAX_SUGGESTIONS);
}
