// The git CLI doing the board's reads and a document commit, as a git-CLI-based tool would: one process per
// question. These are the references the app's figures are compared with.

import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { git } from './git-cli.mjs';
import { measure } from './timing.mjs';

/**
 * The board's reads as processes: branch tips, ahead/behind per module, and every document's content.
 * Returns what it read so the app's board can be checked against it.
 */
export function readBoardWithGit(repo, { moduleIds, docNames, base = 'main', prefix = 'module/', docsFolder = 'enhancements' }) {
  const tips = new Map();
  for (const line of git(repo, ['for-each-ref', '--format=%(objectname) %(refname:short)', 'refs/heads']).split('\n')) {
    const [oid, name] = line.split(' ');
    tips.set(name, oid);
  }
  const aheadBehind = new Map();
  for (const id of moduleIds) {
    if (!tips.has(`${prefix}${id}`)) continue;
    const [behind, ahead] = git(repo, ['rev-list', '--left-right', '--count', `${base}...${prefix}${id}`]).split(/\s+/).map(Number);
    aheadBehind.set(id, { ahead, behind });
  }
  const requests = moduleIds.flatMap((id) => docNames.map((name) => `${prefix}${id}:${docsFolder}/${id}/${name}`));
  const batch = git(repo, ['cat-file', '--batch'], { input: `${requests.join('\n')}\n`, binary: true });
  return { tips, aheadBehind, documentsBytes: batch.length };
}

/** Warm board reads with the CLI (median, p95), and what one read returned. */
export async function measureGitBoardReads(repo, options, { runs = 10 } = {}) {
  const result = readBoardWithGit(repo, options);
  const warm = await measure(() => readBoardWithGit(repo, options), { runs, warmup: 1 });
  return { warm, result, processes: 2 + result.aheadBehind.size };
}

/** A sparse linked worktree of `branch` holding only the module's documents folder. */
export function addDocsWorktree(repo, worktreesDir, branch, folder) {
  mkdirSync(worktreesDir, { recursive: true });
  const path = join(worktreesDir, branch.replace(/\//g, '-'));
  if (!existsSync(path)) {
    git(repo, ['worktree', 'add', '-q', '--no-checkout', path, branch]);
    git(path, ['sparse-checkout', 'set', folder]);
    git(path, ['checkout', '-q', branch]);
  }
  return path;
}

/** `git commit -a` of one changed document in a worktree of a module branch: median and p95 of the commit alone. */
export async function measureGitDocCommit(repo, worktreesDir, { branch, docPath, runs = 20 }) {
  const folder = docPath.split('/').slice(0, -1).join('/');
  const worktree = addDocsWorktree(repo, worktreesDir, branch, folder);
  const file = join(worktree, docPath);
  return measure(() => git(worktree, ['commit', '-q', '-a', '-m', `docs: edit ${docPath}`]), {
    runs,
    warmup: 3,
    before: (i) => appendFileSync(file, `\n- Finding ${i}: checked against the code.\n`),
  });
}
