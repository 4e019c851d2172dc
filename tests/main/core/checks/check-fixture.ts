// Shared set-up for the checks tests: an initialised workspace whose module/fleet-hub branch carries an executable
// check script, a symlink and a data file (committed with the git CLI in a separate worktree), an app over it,
// and helpers to wait for the checks job and to snapshot the user's working tree.

import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createFleetApp, type FleetApp } from '../../../../src/main/core/app';
import { createDispatcher } from '../../../../src/main/api';
import { initWorkspace } from '../../../../src/main/core/workspace/init';
import { checkoutFolders } from '../../../../src/main/core/checks/checkout-folders';
import { Workspace } from '../../../../src/main/core/workspace/workspace';
import type { JobFinished } from '../../../../src/shared/types';
import type { CheckBatchReport, CheckOutput, CheckStatus } from '../../../../src/shared/types-checks';
import { commitFiles, git, initRepo, makeTempDir, writeFiles } from '../../../helpers/git';

/** Exits 0 only when it runs in a checkout of the branch: its own executable bit, the data file, the symlink. */
export const CHECK_SCRIPT = [
  '#!/bin/sh',
  'test -x ./check.sh || { echo "check.sh is not executable"; exit 4; }',
  'test -L ./data-link.txt || { echo "data-link.txt is not a symlink"; exit 5; }',
  'echo "branch data: $(cat data-link.txt)"',
  'test "$(cat data-link.txt)" = "module branch content" || exit 6',
  '',
].join('\n');

/** A workspace (manifest + 32 module branches) with the check script committed on module/fleet-hub. */
export async function workspaceWithCheckScript(): Promise<{ dir: string; tip: string }> {
  const dir = initRepo();
  commitFiles(dir, { 'README.md': '# fleet\n', 'web/src/pages/FleetPage.tsx': 'export {}\n' }, 'first');
  await initWorkspace((await Workspace.open(dir)).repo);
  const worktree = join(makeTempDir('fleet-wt-'), 'wt');
  git(dir, 'worktree', 'add', '-q', worktree, 'module/fleet-hub');
  writeFiles(worktree, { 'check.sh': CHECK_SCRIPT, 'data.txt': 'module branch content\n' });
  chmodSync(join(worktree, 'check.sh'), 0o755);
  symlinkSync('data.txt', join(worktree, 'data-link.txt'));
  git(worktree, 'add', '-A');
  git(worktree, 'commit', '-q', '-m', 'check script');
  const tip = git(worktree, 'rev-parse', 'HEAD');
  git(dir, 'worktree', 'remove', '--force', worktree);
  return { dir, tip };
}

/** A commit on `branch` made with the git CLI without touching any working tree; returns the new tip. */
export function commitOnBranch(dir: string, branch: string, message: string): string {
  const tip = git(dir, 'rev-parse', branch);
  const next = git(dir, 'commit-tree', `${tip}^{tree}`, '-p', tip, '-m', message);
  git(dir, 'update-ref', `refs/heads/${branch}`, next, tip);
  return next;
}

/** HEAD, the index's bytes and `git status`: what a check must never change. */
export function workTreeSnapshot(dir: string) {
  return {
    head: git(dir, 'rev-parse', 'HEAD'),
    status: git(dir, 'status', '--porcelain=v1', '--untracked-files=all'),
    index: createHash('sha1').update(readFileSync(join(dir, '.git', 'index'))).digest('hex'),
  };
}

export interface CheckApp {
  app: FleetApp;
  appDataDir: string;
  /** The launcher's work root: checkouts and launch temp folders live below it. */
  workRoot: string;
  call: (method: string, input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; data?: Record<string, unknown> } }>;
  outputs: CheckOutput[];
  statuses: CheckStatus[];
  /** The next finished checks job's report. */
  nextReport: () => Promise<CheckBatchReport>;
}

/**
 * An app whose environment (what commands take allow-listed names from) is `env`, with quick output flushes, a short
 * kill grace and its own work root (watching the repository when asked; `sandbox: 'off'` to run unsandboxed).
 */
export function checkApp(env: NodeJS.ProcessEnv = process.env, options: { watch?: boolean; sandbox?: 'auto' | 'off'; appDataDir?: string } = {}): CheckApp {
  const appDataDir = options.appDataDir ?? makeTempDir('fleet-appdata-');
  const workRoot = makeTempDir('fleet-work-');
  const app = createFleetApp({
    appDataDir,
    transport: 'browser',
    version: '0.0.0-test',
    log: () => undefined,
    watch: options.watch ?? false,
    checks: { outputIntervalMs: 50, killGraceMs: 500 },
    launcher: { env, workRoot, sandbox: options.sandbox },
  });
  const outputs: CheckOutput[] = [];
  const statuses: CheckStatus[] = [];
  app.onEvent((name, payload) => {
    if (name === 'checkOutput') outputs.push(payload as CheckOutput);
    if (name === 'checkStatus') statuses.push(payload as CheckStatus);
  });
  const nextReport = () =>
    new Promise<CheckBatchReport>((resolve, reject) => {
      const off = app.onEvent((name, payload) => {
        const finished = payload as JobFinished;
        if (name !== 'jobFinished' || finished.kind !== 'checks') return;
        off();
        if (finished.ok) resolve(finished.result as CheckBatchReport);
        else reject(new Error(finished.error?.message));
      });
    });
  const dispatcher = createDispatcher(app.handlers, () => undefined);
  return { app, appDataDir, workRoot, call: (method, input) => dispatcher.call(method, input) as ReturnType<CheckApp['call']>, outputs, statuses, nextReport };
}

/** The folder a workspace's check checkouts are written to. */
export function checkoutsDir(c: CheckApp, workspacePath: string): string {
  return checkoutFolders(c.workRoot, workspacePath).root;
}

/** Host processes whose command line contains `marker` (a sandboxed command's own pids are those of its namespace). */
export function processesWithMarker(marker: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'latin1').includes(marker) && processAlive(Number(name))) found.push(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** Whether a process with this id still runs (a zombie waiting for a parent that does not reap counts as gone). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}
