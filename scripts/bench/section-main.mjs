// Runs one bench section by itself (`node scripts/bench/<section>.mjs [--runs N]`): the core built once into
// .bench-cache, a clone of the cached large repository (hard-linked objects, no checkout), removed afterwards.

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCore } from './core-build.mjs';
import { git } from './git-cli.mjs';
import { ensureLargeRepo } from './large-repo.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE = join(ROOT, '.bench-cache');

/** When the calling module is the script node was started with, runs `bench({ repoPath, coreDir, runs })` alone. */
export function runSectionAlone(name, moduleUrl, bench) {
  if (process.argv[1] !== fileURLToPath(moduleUrl)) return;
  main(name, bench).catch((error) => {
    console.error(`${name} bench failed: ${error.stack ?? error}`);
    process.exit(1);
  });
}

async function main(name, bench) {
  const args = process.argv.slice(2);
  const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
  console.log(`${name} section: node ${process.version}, ${git(ROOT, ['--version'])}, ${cpus().length} cores, ${runs} runs per figure`);
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const { repo: cached } = await ensureLargeRepo(CACHE, console.log);
  const work = mkdtempSync(join(tmpdir(), `fleet-bench-${name}-`));
  try {
    const core = await buildCore(ROOT, join(CACHE, `core-build-${name}`));
    if (core.error) throw new Error(core.error);
    const repoPath = join(work, 'repo');
    git(work, ['clone', '-q', '--no-checkout', cached, repoPath]);
    await bench({ repoPath, coreDir: core.dir, runs });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
