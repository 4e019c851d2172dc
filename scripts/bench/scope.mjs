// Module scope figures: pattern suggestions and previews for the 32 modules on the large repository (5,000+ files),
// the app's core in-process against `git ls-tree -r --name-only` of the same module branch (the least the git CLI
// needs just to list the files a suggestion searches). Run on its own: `node scripts/bench/scope.mjs [--runs N]`;
// it works on a hard-linked clone of the cached large repository, initialised by the app's core.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defaultModuleIds } from './catalog.mjs';
import { git } from './git-cli.mjs';
import { runSectionAlone } from './section-main.mjs';
import { printTable } from './table.mjs';
import { measure, once } from './timing.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const ms = (summary, note) => (summary ? { value: summary.median, unit: 'ms', note: note ?? `p95 ${summary.p95.toFixed(1)}` } : null);

/** Calls `fn(moduleId)` for every module, `runs` rounds; the summary is per call. */
async function perModule(moduleIds, runs, fn) {
  let i = 0;
  return measure(() => fn(moduleIds[i % moduleIds.length], i++), { runs: runs * moduleIds.length, warmup: moduleIds.length });
}

/** Suggestion and preview figures on `repoPath` (an initialised workspace, or one the core initialises now). */
export async function benchScope({ repoPath, coreDir, print = console.log, runs = 5 }) {
  const { createFleetApp } = await import(pathToFileURL(join(coreDir, 'app.mjs')).href);
  const appDataDir = mkdtempSync(join(tmpdir(), 'fleet-bench-scope-home-'));
  const app = createFleetApp({ appDataDir, transport: 'browser', version: 'bench', watch: false, log: () => undefined });
  try {
    const summary = await app.openWorkspace(repoPath);
    if (!summary.initialised) await app.initWorkspace({});
    const moduleIds = defaultModuleIds(ROOT);
    const h = app.handlers;
    // The first call after opening lists the branch's files from the pack; later calls reuse the cached list.
    const first = await once(() => h.suggestModulePatterns({ moduleId: 'drivers-hub', patterns: [] }));
    const sample = first.value.suggestions.slice(0, 3).map((s) => `${s.pattern} (+${s.filesAdded})`).join(', ');
    print(`drivers-hub from no patterns: ${first.value.suggestions.length} suggestions, first ${sample}`);
    const fromNothing = await perModule(moduleIds, runs, (id) => h.suggestModulePatterns({ moduleId: id, patterns: [] }));
    const fromDefaults = await perModule(moduleIds, runs, (id) => h.suggestModulePatterns({ moduleId: id }));
    const patterns = new Map();
    for (const id of moduleIds) patterns.set(id, (await h.getModulePatterns({ moduleId: id })).patterns);
    // One pattern new on every call, as while typing: the match is computed, not served from the cache.
    const preview = await perModule(moduleIds, runs, (id, i) => h.previewModulePatterns({ moduleId: id, patterns: [...patterns.get(id), `src/typed-${i}/**`] }));
    const listing = await perModule(moduleIds, runs, (id) => git(repoPath, ['ls-tree', '-r', '--name-only', `module/${id}`]));
    const files = git(repoPath, ['ls-tree', '-r', '--name-only', 'module/drivers-hub']).split('\n').length;
    return printTable(`Module scope: ${moduleIds.length} modules, ${files} files per branch (per call)`, [
      { what: 'suggestions, first after open (lists the files)', app: { value: first.ms, unit: 'ms', note: '1 run' }, ref: ms(listing) },
      { what: 'suggestions from no patterns, warm', app: ms(fromNothing), ref: ms(listing), target: '< 50 ms and < git', check: (a, r) => a < 50 && a < r },
      { what: 'suggestions beyond the default patterns, warm', app: ms(fromDefaults), ref: ms(listing), target: '< 50 ms and < git', check: (a, r) => a < 50 && a < r },
      { what: 'preview of the default patterns + a new one, warm', app: ms(preview), ref: ms(listing), target: '< 50 ms and < git', check: (a, r) => a < 50 && a < r },
    ], print);
  } finally {
    await app.dispose();
    rmSync(appDataDir, { recursive: true, force: true });
  }
}

runSectionAlone('scope', import.meta.url, benchScope);
