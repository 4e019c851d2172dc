// Reports figures on the large repository: IMPLEMENTATION_LOG.md generated for every module branch (its own commits
// since it forked, the files of each) against `git log --name-status main..module/<id>` doing the same reads, and
// the HTML export against the git CLI reading the board it shows. Run on its own: `node scripts/bench/reports.mjs
// [--runs N]`; it works on a hard-linked clone of the cached large repository, initialised by the app's core.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defaultModuleIds, docFileNames } from './catalog.mjs';
import { git } from './git-cli.mjs';
import { measureGitBoardReads } from './git-reference.mjs';
import { runSectionAlone } from './section-main.mjs';
import { advanceBranch } from './module-branches.mjs';
import { printTable } from './table.mjs';
import { measure, once } from './timing.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Commits added to every fourth module branch, so the logs have work to list. */
const MODULE_COMMITS = 40;

const ms = (summary, note) => (summary ? { value: summary.median, unit: 'ms', note: note ?? `p95 ${summary.p95.toFixed(1)}` } : null);

/** Calls `fn(moduleId)` for every module, `runs` rounds; the summary is per call. */
async function perModule(moduleIds, runs, fn) {
  let i = 0;
  return measure(() => fn(moduleIds[i % moduleIds.length], i++), { runs: runs * moduleIds.length, warmup: moduleIds.length });
}

/** Log and export figures on `repoPath` (an initialised workspace, or one the core initialises now). */
export async function benchReports({ repoPath, coreDir, print = console.log, runs = 5 }) {
  const { createFleetApp } = await import(pathToFileURL(join(coreDir, 'app.mjs')).href);
  const appDataDir = mkdtempSync(join(tmpdir(), 'fleet-bench-reports-home-'));
  const app = createFleetApp({ appDataDir, transport: 'browser', version: 'bench', watch: false, log: () => undefined });
  try {
    const summary = await app.openWorkspace(repoPath);
    if (!summary.initialised) await app.initWorkspace({});
    const moduleIds = defaultModuleIds(ROOT);
    const busy = moduleIds.filter((_, i) => i % 4 === 0);
    for (const id of busy) advanceBranch(repoPath, `module/${id}`, MODULE_COMMITS);
    const h = app.handlers;
    const first = await once(() => h.generateImplementationLog({ moduleId: busy[0] }));
    const listed = git(repoPath, ['rev-list', '--count', `main..module/${busy[0]}`]);
    print(`${busy[0]}: the log lists ${first.value.commits} commits (git rev-list --count main..module/${busy[0]}: ${listed})`);
    const logs = await perModule(moduleIds, runs, (id) => h.generateImplementationLog({ moduleId: id }));
    const gitLogs = await perModule(moduleIds, runs, (id) => git(repoPath, ['log', '--name-status', '--format=%H %an %ae %aI %s%n%b', `main..module/${id}`]));
    const exports = await measure(() => h.exportHtmlReport({}), { runs, warmup: 1 });
    const board = await measureGitBoardReads(repoPath, { moduleIds, docNames: docFileNames(ROOT) }, { runs });
    const bytes = Buffer.byteLength((await h.exportHtmlReport({})).html);
    return printTable(`Reports: ${moduleIds.length} modules, ${busy.length} of them ${MODULE_COMMITS + 1} commits ahead`, [
      { what: 'implementation log, first after open', app: { value: first.ms, unit: 'ms', note: '1 run' }, ref: ms(gitLogs) },
      { what: 'implementation log per module, warm (draft saved)', app: ms(logs), ref: ms(gitLogs, 'git log --name-status main..module') },
      { what: 'HTML export of the board, warm', app: ms(exports, `${Math.round(bytes / 1024)} KB`), ref: ms(board.warm, 'git CLI board reads') },
    ], print);
  } finally {
    await app.dispose();
    rmSync(appDataDir, { recursive: true, force: true });
  }
}

runSectionAlone('reports', import.meta.url, benchReports);
