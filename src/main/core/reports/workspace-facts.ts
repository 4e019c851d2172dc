// The workspace's state as the reports show it: the board's cards with each module's latest check, the cost of its
// agent runs and where it was deployed, computed from the same board the app shows (so the numbers agree).

import type { BoardState, ModuleCard } from '../../../shared/types';
import type { CheckResult } from '../../../shared/types-checks';
import type { ModuleDeployment, ModuleDeployState } from '../../../shared/types-deploy';
import { mergedUnwritten, PHASES, type Phase } from '../../../shared/documents';

export interface ModuleFacts {
  card: ModuleCard;
  check: CheckResult | undefined;
  runs: number;
  costUsd: number;
  /** The environments its changes went out to by a successful deploy, newest first. */
  deployments: ModuleDeployment[];
}

export interface WorkspaceFacts {
  board: BoardState;
  modules: ModuleFacts[];
  phaseCounts: Record<Phase, number>;
  totalCostUsd: number;
  totalRuns: number;
  /** Modules whose branch changes code since its fork: the only ones counted as implemented. */
  implemented: number;
  /** Modules whose branch holds documents only (never counted as implemented, whatever their phase). */
  documentsOnly: number;
  /** Merged modules whose documents are not all written (counted in phaseCounts.merged, a git fact, but never done). */
  mergedUnwritten: number;
  /** Modules deployed to at least one environment by a successful deploy. */
  deployed: number;
}

const roundUsd = (amount: number) => Math.round(amount * 1e6) / 1e6;

/** What the reports read of a run, document or implementation: whose module it served and what it cost. */
export interface RunCost {
  moduleId: string;
  costUsd: number;
}

/** Joins the board with check results, run records (document and implementation runs) and deployed states, module by module in board order. */
export function workspaceFacts(board: BoardState, runs: RunCost[], checks: CheckResult[], deployStates: ModuleDeployState[] = []): WorkspaceFacts {
  const phaseCounts = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
  const modules = board.modules.map((card) => {
    phaseCounts[card.phase]++;
    const own = runs.filter((r) => r.moduleId === card.id);
    return {
      card,
      check: checks.find((c) => c.moduleId === card.id),
      runs: own.length,
      costUsd: roundUsd(own.reduce((sum, r) => sum + r.costUsd, 0)),
      deployments: [...(deployStates.find((d) => d.moduleId === card.id)?.deployments ?? [])].sort((a, b) => b.deployedAt.localeCompare(a.deployedAt)),
    };
  });
  return {
    board,
    modules,
    phaseCounts,
    totalCostUsd: roundUsd(modules.reduce((sum, m) => sum + m.costUsd, 0)),
    totalRuns: modules.reduce((sum, m) => sum + m.runs, 0),
    implemented: board.modules.filter((card) => card.codeChanged === true).length,
    documentsOnly: board.modules.filter((card) => card.codeChanged === false).length,
    mergedUnwritten: board.modules.filter(mergedUnwritten).length,
    deployed: modules.filter((m) => m.deployments.length > 0).length,
  };
}

/** What the module's branch holds, in words: "code changed", "documents only", or "no branch". */
export function codeText(card: ModuleCard): string {
  return card.codeChanged === null ? 'no branch' : card.codeChanged ? 'code changed' : 'documents only';
}

/** The phase in words, saying "documents not written" or "documents only" where a merged module is not done. */
export function phaseText(card: ModuleCard): string {
  if (mergedUnwritten(card)) return `${PHASE_TITLES.merged} (documents not written)`;
  return card.phase === 'merged' && card.codeChanged === false ? `${PHASE_TITLES.merged} (documents only)` : PHASE_TITLES[card.phase];
}

/** Modules of each category in the manifest's order (categories without modules left out). */
export function byCategory(facts: WorkspaceFacts): Array<{ id: string; title: string; modules: ModuleFacts[] }> {
  const groups = facts.board.categories.map((c) => ({ id: c.id, title: c.title, modules: facts.modules.filter((m) => m.card.category === c.id) }));
  const known = new Set(facts.board.categories.map((c) => c.id));
  const other = facts.modules.filter((m) => !known.has(m.card.category));
  if (other.length) groups.push({ id: '', title: 'Other', modules: other });
  return groups.filter((g) => g.modules.length > 0);
}

export const PHASE_TITLES: Record<Phase, string> = {
  analysis: 'Analysis',
  design: 'Design',
  implementation: 'Implementation',
  testing: 'Testing',
  ready: 'Ready to merge',
  merged: 'Merged',
};
