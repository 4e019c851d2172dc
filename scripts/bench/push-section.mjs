// The push and fetch section of the bench on its own: `node scripts/bench/push-section.mjs [--runs N]`.
// It works on a hard-linked clone of the cached large repository (initialised by the app's core, main then moved
// 25 commits ahead as the whole bench does), so it never disturbs the cached repository or another bench run.

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cloneLargeRepo, ensureLargeRepo } from './large-repo.mjs';
import { advanceBranch } from './module-branches.mjs';
import { runInProcess } from './app-figures.mjs';
import { buildCore } from './core-build.mjs';
import { git } from './git-cli.mjs';
import { benchPush } from './push.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE = join(ROOT, '.bench-cache');
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 5;

async function main() {
  const log = console.log;
  log(`push section: node ${process.version}, ${git(ROOT, ['--version'])}, ${cpus().length} cores, ${RUNS} runs per figure`);
  log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const { repo: cached } = await ensureLargeRepo(CACHE, log);
  const work = mkdtempSync(join(tmpdir(), 'fleet-bench-push-section-'));
  try {
    const repo = cloneLargeRepo(cached, work);
    const core = await buildCore(ROOT, join(CACHE, 'core-build-push'));
    if (core.error) throw new Error(core.error);
    const init = runInProcess(core.dir, 'init', repo);
    if (init.error) throw new Error(`init failed: ${init.error}`);
    log(`workspace initialised by the core in ${init.initMs.toFixed(0)} ms (${init.created} branches)`);
    advanceBranch(repo, 'main', 25);
    await benchPush({ repoPath: repo, print: log, coreDir: core.dir, runs: RUNS });
    log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`push bench failed: ${error.stack ?? error}`);
  process.exit(1);
});
