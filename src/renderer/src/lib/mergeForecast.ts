// What the merge screen derives from a forecast, kept free of React so it can be tested on its own:
// which modules can be merged and which start selected, the overlap matrix, and the order a merge runs in.

import type { Phase } from '../../../shared/documents';
import type { ForecastOutcome, MergeForecast, MergeOrderGroup, ModuleForecast, ModuleOverlap } from '../../../shared/types-merge';

/** A module can be merged when its branch exists and has something the target lacks. */
export function isMergeable(module: ModuleForecast): boolean {
  return module.outcome === 'clean' || module.outcome === 'conflicts';
}

/** The modules that start selected: those the board calls ready to merge, if the forecast can merge them. */
export function preselectedModules(forecast: MergeForecast, phaseOf: (moduleId: string) => Phase | undefined): string[] {
  return forecast.modules.filter((m) => isMergeable(m) && phaseOf(m.moduleId) === 'ready').map((m) => m.moduleId);
}

/** How many modules had each outcome. */
export function outcomeCounts(modules: ModuleForecast[]): Record<ForecastOutcome, number> {
  const counts: Record<ForecastOutcome, number> = { clean: 0, conflicts: 0, 'up-to-date': 0, missing: 0, unrelated: 0 };
  for (const m of modules) counts[m.outcome] += 1;
  return counts;
}

export interface OverlapMatrix {
  /** Only the modules that share a path with at least one other module, in the order given. */
  modules: string[];
  /** The shared paths of two modules (empty when they share none, and on the diagonal). */
  paths: (a: string, b: string) => string[];
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\n${b}` : `${b}\n${a}`);

/** The matrix of shared paths between module branches, leaving out modules that overlap with nothing. */
export function overlapMatrix(overlaps: ModuleOverlap[], moduleOrder: string[]): OverlapMatrix {
  const shared = new Map<string, string[]>();
  const involved = new Set<string>();
  for (const o of overlaps) {
    if (o.a === o.b || o.paths.length === 0) continue;
    shared.set(pairKey(o.a, o.b), o.paths);
    involved.add(o.a);
    involved.add(o.b);
  }
  // A module's first place in the order counts (the order may list a module again, as the table's order does).
  const position = new Map<string, number>();
  moduleOrder.forEach((id, i) => position.has(id) || position.set(id, i));
  // Modules the forecast does not list (it should list them all) go last, alphabetically.
  const modules = [...involved].sort((x, y) => (position.get(x) ?? Infinity) - (position.get(y) ?? Infinity) || x.localeCompare(y));
  return { modules, paths: (a, b) => (a === b ? [] : (shared.get(pairKey(a, b)) ?? [])) };
}

/**
 * The selected modules in the order a merge runs them: the suggested order's groups first to last, then any
 * selected module the order leaves out, in the table's order.
 */
export function mergeSequence(order: MergeOrderGroup[], selected: ReadonlySet<string>, moduleOrder: string[]): string[] {
  const sequence: string[] = [];
  const seen = new Set<string>();
  const add = (id: string) => {
    if (selected.has(id) && !seen.has(id)) {
      seen.add(id);
      sequence.push(id);
    }
  };
  for (const group of order) group.modules.forEach(add);
  moduleOrder.forEach(add);
  return sequence;
}

/** The merged text split into lines, each marked when it is one of git's conflict markers. */
export function markerLines(text: string): Array<{ text: string; marker: 'ours' | 'base' | 'split' | 'theirs' | null }> {
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  return lines.map((line) => {
    if (line.startsWith('<<<<<<<')) return { text: line, marker: 'ours' };
    if (line.startsWith('|||||||')) return { text: line, marker: 'base' };
    if (line === '=======' || line.startsWith('======= ')) return { text: line, marker: 'split' };
    if (line.startsWith('>>>>>>>')) return { text: line, marker: 'theirs' };
    return { text: line, marker: null };
  });
}
