// The git CLI for the bench, with an environment that ignores the machine's git config (as the tests do).

import { execFileSync, spawnSync } from 'node:child_process';

export const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Bench Author',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench Author',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_TERMINAL_PROMPT: '0',
};

/** Runs git in `cwd`; returns trimmed stdout (a Buffer with `binary: true`), throws with git's stderr on failure. */
export function git(cwd, args, options = {}) {
  const stdout = execFileSync('git', args, {
    cwd,
    env: { ...GIT_ENV, ...options.env },
    input: options.input,
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return options.binary ? stdout : stdout.toString('utf8').trimEnd();
}

/** Runs git and returns its exit status without throwing (for probes such as rev-parse --verify). */
export function gitStatus(cwd, args) {
  return spawnSync('git', args, { cwd, env: GIT_ENV, stdio: 'ignore' }).status;
}
