// The git CLI for end-to-end tests, with an environment that ignores the machine's git config.

import { execFileSync } from 'node:child_process';

export const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'E2E Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'E2E Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.com',
  GIT_TERMINAL_PROMPT: '0',
};

/** Runs git in `cwd`; returns trimmed stdout, throws with git's stderr on failure. */
export function git(cwd: string, args: string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...GIT_ENV, ...options.env },
    input: options.input,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  }).trimEnd();
}

/**
 * Commits new content for one file on `branch` (null deletes it) without checking anything out, as another
 * tool in a terminal would: blob, a temporary index, tree, commit-tree, then update-ref guarded by the old tip.
 */
export function commitFileToBranch(repo: string, branch: string, path: string, content: string | Buffer | null, message: string): string {
  const parent = git(repo, ['rev-parse', `refs/heads/${branch}`]);
  const env = { GIT_INDEX_FILE: `${repo}/.git/e2e-index-${process.pid}` };
  git(repo, ['read-tree', parent], { env });
  if (content === null) {
    git(repo, ['update-index', '--force-remove', path], { env });
  } else {
    const blob = git(repo, ['hash-object', '-w', '--stdin'], { input: content });
    git(repo, ['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`], { env });
  }
  const tree = git(repo, ['write-tree'], { env });
  git(repo, ['read-tree', '--empty'], { env });
  const commit = git(repo, ['commit-tree', tree, '-p', parent, '-m', message]);
  git(repo, ['update-ref', `refs/heads/${branch}`, commit, parent]);
  return commit;
}
