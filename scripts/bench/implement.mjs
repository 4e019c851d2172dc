// Implementation runs on the large repository: a working copy of a module branch tip (the app's WorkingCopies, through
// the one tree writer) next to `git worktree add` of the same commit; each tool's overhead per call (read_file,
// search, edit_file) next to a plain read, `git grep` and a plain write; then 8 runs at once against a fast loopback
// agent (20 turns each), with the event-loop delay p99 of the process running the core and its memory per run.
// Run on its own: `node scripts/bench/implement.mjs [--runs N]` (works on a clone of the cached large repository).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defaultModuleIds } from './catalog.mjs';
import { GIT_ENV, git } from './git-cli.mjs';
import { benchImplementRuns } from './implement-runs.mjs';
import { runSectionAlone } from './section-main.mjs';
import { formatFigure, printTable } from './table.mjs';
import { measure } from './timing.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ms = (summary, extra) => (summary ? { value: summary.median, unit: 'ms', note: `${extra ? `${extra}, ` : ''}p95 ${formatFigure({ value: summary.p95 })}` } : null);
const us = (summary, note) => (summary ? { value: summary.median * 1000, unit: 'µs', note: note ?? `p95 ${(summary.p95 * 1000).toFixed(0)} µs` } : null);
const importBuilt = async (coreDir, name) => (existsSync(join(coreDir, `${name}.mjs`)) ? import(pathToFileURL(join(coreDir, `${name}.mjs`)).href) : null);

/** Working copy of `commit` by the app vs `git worktree add --detach` of it; each removed (untimed) before the next. */
async function workingCopyFigures(WorkingCopies, repo, repoPath, appDataDir, commit, runs) {
  const copies = new WorkingCopies({ appDataDir, workspacePath: repoPath, limit: 64 });
  let made = null;
  const app = await measure(async (i) => (made = await copies.create(`bench-copy-${i}`, repo, commit)), {
    runs,
    warmup: 1,
    before: async () => made && (await copies.remove(made.dir.split('/').pop())),
  });
  const files = made?.entries?.length ?? null;
  if (made) await copies.remove(made.dir.split('/').pop());
  const trees = mkdtempSync(join(tmpdir(), 'fleet-bench-worktrees-'));
  let last = null;
  const ref = await measure((i) => git(repoPath, ['worktree', 'add', '-q', '--detach', (last = join(trees, `w${i}`)), commit]), {
    runs,
    warmup: 1,
    before: () => last && git(repoPath, ['worktree', 'remove', '--force', last]),
  });
  if (last) git(repoPath, ['worktree', 'remove', '--force', last]);
  rmSync(trees, { recursive: true, force: true });
  return { app, ref, files };
}

/** Per-call overhead of read_file, search and edit_file in one working copy, next to a plain read, git grep, a plain write. */
async function toolFigures(tools, WorkingCopies, repo, repoPath, appDataDir, commit, readPath, pattern, glob, runs) {
  const copies = new WorkingCopies({ appDataDir, workspacePath: repoPath, limit: 64 });
  const { dir } = await copies.create('bench-tools', repo, commit);
  try {
    const executor = await tools.benchToolExecutor({ repo, dir, startTip: commit });
    const call = async (name, args) => {
      const outcome = await executor.execute({ name, arguments: JSON.stringify(args) });
      if (!outcome.ok) throw new Error(`${name} failed: ${outcome.content}`);
      return outcome;
    };
    await call('write_file', { path: 'bench-notes.md', content: 'marker 0\n' });
    const reps = runs * 4;
    const read = await measure(() => call('read_file', { path: readPath }), { runs: reps, warmup: 2 });
    const readRef = await measure(() => readFileSync(join(dir, readPath), 'utf8').split('\n').slice(0, 2000), { runs: reps, warmup: 2 });
    const search = await measure(() => call('search', { pattern, glob }), { runs, warmup: 1 });
    // git grep needs a repository: the working copy is a plain folder, so it searches it with --no-index, as the tool does.
    const grepArgs = ['grep', '--no-index', '-n', '-E', '-I', pattern, '--', glob.replace(/\*\*$/, '')];
    const searchRef = await measure(() => execFileSync('git', grepArgs, { cwd: dir, env: GIT_ENV, maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'ignore'] }), { runs, warmup: 1 });
    let n = 0;
    const edit = await measure(() => call('edit_file', { path: 'bench-notes.md', old_text: `marker ${n}`, new_text: `marker ${++n}` }), { runs: reps, warmup: 2 });
    let m = 0;
    const editRef = await measure(() => {
      const file = join(dir, 'bench-ref.md');
      const text = existsSync(file) ? readFileSync(file, 'utf8') : `marker ${m}\n`;
      writeFileSync(file, text.replace(`marker ${m}`, `marker ${++m}`));
    }, { runs: reps, warmup: 2 });
    const matches = execFileSync('git', grepArgs, { cwd: dir, env: GIT_ENV, maxBuffer: 256 << 20 }).toString().split('\n').length - 1;
    return { read, readRef, search, searchRef, edit, editRef, matches };
  } finally {
    await copies.remove('bench-tools');
  }
}

/** Implementation figures on `repoPath` (an initialised workspace, or one the core initialises now). */
export async function benchImplement({ repoPath, coreDir, print = console.log, runs = 5 }) {
  const { createFleetApp } = await import(pathToFileURL(join(coreDir, 'app.mjs')).href);
  const { Workspace } = await importBuilt(coreDir, 'workspace');
  const wc = await importBuilt(coreDir, 'working-copies');
  const tools = await importBuilt(coreDir, 'implement-tools');
  const appDataDir = mkdtempSync(join(tmpdir(), 'fleet-bench-implement-home-'));
  const verdicts = [];
  try {
    const setup = createFleetApp({ appDataDir, transport: 'browser', version: 'bench', watch: false, log: () => undefined });
    try {
      const summary = await setup.openWorkspace(repoPath);
      if (!summary.initialised) await setup.initWorkspace({});
    } finally {
      await setup.dispose();
    }
    const moduleIds = defaultModuleIds(ROOT);
    const branch = `module/${moduleIds[0]}`;
    const commit = git(repoPath, ['rev-parse', branch]);
    const readPath = git(repoPath, ['ls-tree', '-r', '--name-only', branch, 'api/src']).split('\n').find((p) => p.endsWith('.ts'));
    const [pattern, glob] = ['export (async )?function', 'api/**'];
    const repo = (await Workspace.open(repoPath)).repo;
    if (!wc?.WorkingCopies) {
      verdicts.push(...printTable('Implementation: working copies and tools', [{ what: 'working copy vs git worktree add', app: null, ref: null, pending: 'working-copy/ not built' }], print));
    } else {
      const copy = await workingCopyFigures(wc.WorkingCopies, repo, repoPath, appDataDir, commit, runs);
      const rows = [{ what: `working copy of ${branch} (${copy.files ?? '?'} entries)`, app: ms(copy.app), ref: ms(copy.ref, 'git worktree add'), target: '<= 1.5x git worktree add', check: (a, r) => a <= 1.5 * r }];
      if (tools?.benchToolExecutor) {
        const t = await toolFigures(tools, wc.WorkingCopies, repo, repoPath, appDataDir, commit, readPath, pattern, glob, runs);
        rows.push(
          { what: `read_file ${readPath}`, app: us(t.read), ref: us(t.readRef, 'readFileSync + split') },
          { what: `search /${pattern}/ in ${glob} (${t.matches} matches)`, app: ms(t.search), ref: ms(t.searchRef, 'git grep --no-index') },
          { what: 'edit_file (small file, unique old_text)', app: us(t.edit), ref: us(t.editRef, 'read + replace + writeFileSync') },
        );
      } else rows.push({ what: 'tool overhead per call', app: null, ref: null, pending: 'implement tools not built' });
      verdicts.push(...printTable('Implementation: working copies and tools (in-process)', rows, print));
    }
    verdicts.push(...(await benchImplementRuns({ createFleetApp, repoPath, appDataDir, moduleIds: moduleIds.slice(0, 8), readPath, pattern, glob, print })));
  } finally {
    rmSync(appDataDir, { recursive: true, force: true });
  }
  return verdicts;
}

runSectionAlone('implement', import.meta.url, benchImplement);
