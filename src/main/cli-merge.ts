// `fleet-control forecast` and `fleet-control merge`: the conflict forecast (per-module outcome, overlap matrix,
// suggested order) and merges into the integration (default) or base branch without touching the working tree.

import { createInterface } from 'node:readline';
import { FleetError } from '../shared/errors';
import type { MergeForecast, MergeReport, MergeTargetKind, ModuleForecast } from '../shared/types-merge';
import { BoardLoader } from './core/board/board';
import { forecastMerges } from './core/merge/forecast';
import { mergeModules } from './core/merge/merge-modules';
import { Workspace } from './core/workspace/workspace';
import { displayPath } from '../shared/display-path';

type Print = (line?: string) => void;

export interface MergeCommandOptions {
  target?: MergeTargetKind;
  json: boolean;
  modules?: string[];
  ready?: boolean;
  yes?: boolean;
}

/** Reads --target: base or integration; `usage` builds the error for anything else. */
export function parseTarget(value: string | undefined, usage: (message: string) => Error): MergeTargetKind | undefined {
  if (value === undefined || value === 'base' || value === 'integration') return value;
  throw usage(`--target must be base or integration, got "${value}"`);
}

function describeModule(module: ModuleForecast): string {
  if (module.outcome === 'conflicts') return module.conflicts.map((c) => `${displayPath(c.path)} (${c.kind}${c.renamedFrom ? `, renamed from ${displayPath(c.renamedFrom)}` : ''})`).join(', ');
  if (module.outcome === 'clean') return `${module.changedPaths.length} path${module.changedPaths.length === 1 ? '' : 's'} changed`;
  if (module.outcome === 'missing') return `${module.branch} does not exist`;
  if (module.outcome === 'unrelated') return `${module.branch} shares no commit with the target: refusing to merge unrelated histories`;
  return 'already merged';
}

/** The overlap matrix among modules that overlap at all: the number of shared paths per pair. */
function formatMatrix(forecast: MergeForecast): string[] {
  const ids = forecast.modules.map((m) => m.moduleId).filter((id) => forecast.overlaps.some((o) => o.a === id || o.b === id));
  if (ids.length === 0) return ['  no two modules changed the same path'];
  const shared = (a: string, b: string) => forecast.overlaps.find((o) => (o.a === a && o.b === b) || (o.a === b && o.b === a))?.paths.length ?? 0;
  const width = Math.max(...ids.map((id) => id.length));
  const lines = [`  ${''.padEnd(width)}  ${ids.map((_, i) => String(i + 1).padStart(3)).join('')}`];
  ids.forEach((id, row) => lines.push(`  ${id.padEnd(width)}  ${ids.map((other, col) => (row === col ? '  -' : String(shared(id, other) || '.').padStart(3))).join('')}  ${row + 1}`));
  return lines;
}

const GROUP_TITLES = {
  conflicts: 'resolve first (conflicts with the target)',
  unrelated: 'unrelated histories (refused: no commit in common with the target)',
  independent: 'independent',
  overlapping: 'overlapping, in this order',
} as const;

/** The forecast as text: a line per module, the overlap matrix, the suggested order. */
export function formatForecast(forecast: MergeForecast): string {
  const { target } = forecast;
  const where = target.tip ? `at ${target.tip.slice(0, 7)}` : `new, from the base at ${forecast.computedAt.slice(0, 7)}`;
  const width = Math.max(6, ...forecast.modules.map((m) => m.moduleId.length));
  const lines = [`Forecast: ${forecast.modules.length} modules into ${target.branch} (${where}), ${(forecast.durationMs / 1000).toFixed(2)} s`, ''];
  lines.push(`  ${'MODULE'.padEnd(width)}  ${'OUTCOME'.padEnd(10)}  DETAILS`);
  for (const module of forecast.modules) lines.push(`  ${module.moduleId.padEnd(width)}  ${module.outcome.padEnd(10)}  ${describeModule(module)}`);
  lines.push('', 'Overlaps (paths changed by both modules since they forked):', ...formatMatrix(forecast));
  for (const overlap of forecast.overlaps) lines.push(`  ${overlap.a} + ${overlap.b}: ${overlap.paths.map(displayPath).join(', ')}`);
  lines.push('', 'Suggested order:');
  if (forecast.order.length === 0) lines.push('  nothing to merge');
  forecast.order.forEach((group, i) => {
    lines.push(`  ${i + 1}. ${GROUP_TITLES[group.kind]}: ${group.modules.join(', ')}`);
    for (const later of group.laterConflicts ?? []) {
      lines.push(`     ${later.moduleId} conflicts once ${later.after.join(', ') || 'the modules before it'} merged: ${later.conflicts.map((c) => displayPath(c.path)).join(', ')}`);
    }
  });
  return lines.join('\n');
}

/** The merge report as text, one line per module. */
export function formatMergeReport(report: MergeReport): string {
  const lines = report.results.map((r) => `  ${r.outcome.padEnd(10)}  ${r.moduleId}${r.commit && r.outcome === 'merged' ? `  ${r.commit.slice(0, 10)}` : ''}${r.message ? `  ${r.message}` : ''}`);
  const merged = report.results.filter((r) => r.outcome === 'merged').length;
  lines.unshift(`Merged ${merged} of ${report.results.length} modules into ${report.target.branch}${report.target.tip ? ` (now at ${report.target.tip.slice(0, 7)})` : ''}:`);
  if (report.stopped) lines.push('Stopped: nothing was written for the module that stopped the run or any after it.');
  return lines.join('\n');
}

async function withWorkspace<T>(repoPath: string, work: (workspace: Workspace) => Promise<T>): Promise<T> {
  const workspace = await Workspace.open(repoPath);
  try {
    if (!workspace.initialised) throw new FleetError('NOT_INITIALISED', `${workspace.path} has no Fleet Control workspace yet: run \`fleet-control init ${workspace.path}\` first.`);
    return await work(workspace);
  } finally {
    await workspace.repo.close();
  }
}

/** `forecast`: prints the forecast (or its JSON); true when no module conflicts with the target. */
export async function forecastCommand(repoPath: string, options: MergeCommandOptions, print: Print): Promise<boolean> {
  return withWorkspace(repoPath, async (workspace) => {
    const forecast = await forecastMerges(workspace, options.target);
    print(options.json ? JSON.stringify(forecast, null, 2) : formatForecast(forecast));
    return forecast.modules.every((m) => m.outcome !== 'conflicts');
  });
}

/** The merge order: the forecast's clean groups first, then the modules it found conflicting (which will stop the run). */
function mergeOrder(forecast: MergeForecast): string[] {
  const clean = forecast.order.filter((g) => g.kind !== 'conflicts').flatMap((g) => g.modules);
  const conflicting = forecast.order.filter((g) => g.kind === 'conflicts').flatMap((g) => g.modules);
  const rest = forecast.modules.map((m) => m.moduleId).filter((id) => !clean.includes(id) && !conflicting.includes(id));
  return [...clean, ...rest, ...conflicting];
}

/** Asks on stderr and reads one line from stdin; a closed stdin is a no. */
function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  process.stderr.write(question);
  return new Promise((resolve) => {
    let answer: string | null = null;
    rl.once('line', (line) => {
      answer = line;
      rl.close();
    });
    rl.once('close', () => resolve(/^\s*y(es)?\s*$/i.test(answer ?? '')));
  });
}

/** `merge`: forecast, confirm (unless --yes), merge in the suggested order; true when every module merged or was up to date. */
export async function mergeCommand(repoPath: string, options: MergeCommandOptions, print: Print, printErr: (line: string) => void): Promise<boolean> {
  return withWorkspace(repoPath, async (workspace) => {
    let modules = options.modules;
    if (options.ready) {
      const board = await new BoardLoader(workspace).load();
      modules = board.modules.filter((m) => m.phase === 'ready').map((m) => m.id);
      if (modules.length === 0) {
        print('No module is ready to merge (every document written and the branch not merged yet).');
        return true;
      }
    }
    const forecast = await forecastMerges(workspace, options.target, { modules });
    if (!options.json) print(formatForecast(forecast));
    const order = mergeOrder(forecast);
    if (!options.yes && !(await confirm(`\nMerge ${order.length} module${order.length === 1 ? '' : 's'} into ${forecast.target.branch} in this order: ${order.join(', ')}? [y/N] `))) {
      print('Not confirmed: nothing was merged.');
      return false;
    }
    const report = await mergeModules(workspace, {
      target: forecast.target.kind,
      modules: order,
      expectedTargetTip: forecast.target.tip,
      onProgress: (done, total, message) => printErr(`[${done}/${total}] ${message}`),
    });
    print(options.json ? JSON.stringify(report, null, 2) : `\n${formatMergeReport(report)}`);
    return !report.stopped && report.results.every((r) => r.outcome === 'merged' || r.outcome === 'up-to-date');
  });
}
