// Module branches with overlapping work for the merge bench, written with git fast-import on top of an initialised
// workspace: each module edits files of its own, groups of four edit one shared file (on different lines, except
// in every third group where two of them edit the same line), and main edits the same line as every eighth module.

import { git } from './git-cli.mjs';

const MIN_LINES = 50;

/** Text files of `branch` with enough lines, in a stable order, with their mode and content. */
function candidateFiles(repo, branch, wanted) {
  const entries = git(repo, ['ls-tree', '-r', branch])
    .split('\n')
    .map((line) => /^(\d+) blob ([0-9a-f]{40})\t(.+)$/.exec(line))
    .filter((m) => m && m[1] === '100644' && /\.(ts|tsx|js)$/.test(m[3]))
    .map((m) => ({ mode: m[1], oid: m[2], path: m[3] }));
  const files = [];
  // Spread the picks over the tree (every step-th file, then the ones between) so modules touch different folders.
  const step = Math.max(1, Math.floor(entries.length / (wanted * 3)));
  for (let start = 0; start < step && files.length < wanted; start++) {
    for (let i = start; i < entries.length && files.length < wanted; i += step) {
      const entry = entries[i];
      const content = git(repo, ['cat-file', 'blob', entry.oid], { binary: true }).toString('utf8');
      if (content.split('\n').length >= MIN_LINES) files.push({ ...entry, content });
    }
  }
  if (files.length < wanted) throw new Error(`the bench repository has only ${files.length} text files of ${MIN_LINES}+ lines, ${wanted} needed`);
  return files;
}

function editLine(content, index, text) {
  const lines = content.split('\n');
  lines[index] = text;
  return lines.join('\n');
}

const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;

/** Adds one commit per module (and one on main); returns what was planted, for the bench's notes. */
export function plantOverlappingWork(repo, moduleIds, { prefix = 'module/', base = 'main', now = 1_800_000_000 } = {}) {
  const groups = Math.ceil(moduleIds.length / 4);
  const files = candidateFiles(repo, base, moduleIds.length * 2 + groups);
  const own = (i) => [files[i * 2], files[i * 2 + 1]];
  const shared = (g) => files[moduleIds.length * 2 + g];
  const chunks = [];
  const commit = (ref, message, edits) => {
    chunks.push(`commit refs/heads/${ref}\ncommitter Bench Author <bench@example.com> ${now} +0000\n${data(message)}from refs/heads/${ref}^0\n`);
    for (const [file, content] of edits) chunks.push(`M ${file.mode} inline ${file.path}\n${data(content)}`);
    chunks.push('\n');
  };
  const targetConflicts = [];
  const laterConflicts = [];
  const mainEdits = new Map();
  moduleIds.forEach((id, i) => {
    const group = Math.floor(i / 4);
    const position = i % 4;
    const edits = own(i).map((file) => [file, editLine(file.content, 2, `// ${id}: own change`)]);
    // Every third group has its first two modules change the same line of the shared file: the second conflicts after the first.
    const sameLine = group % 3 === 0 && position < 2;
    if (sameLine && position === 1) laterConflicts.push(id);
    const sharedFile = shared(group);
    edits.push([sharedFile, editLine(sharedFile.content, sameLine ? 10 : 10 + position * 10, `// ${id}: shared change`)]);
    if (i % 8 === 7) {
      const [file] = own(i);
      targetConflicts.push(id);
      mainEdits.set(file, editLine(file.content, 2, `// main: changed the line ${id} changes`));
    }
    commit(`${prefix}${id}`, `${id}: overlapping work for the merge bench\n`, edits);
  });
  commit(base, 'main: edits lines some modules also edit\n', [...mainEdits]);
  git(repo, ['fast-import', '--quiet', '--done'], { input: `${chunks.join('')}done\n` });
  return { targetConflicts, laterConflicts, sharedFiles: groups };
}
