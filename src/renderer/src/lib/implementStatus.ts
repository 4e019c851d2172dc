// The implementation facts the board and the module page show, from the board's cards and this window's runs.

import type { ModuleCard } from '../../../shared/types';
import type { ImplementationStatus, ImplementRun } from '../../../shared/types-implement';

/** Modules whose TO-BE design is approved: the default selection of an implementation batch. */
export function approvedModules(modules: ModuleCard[]): string[] {
  return modules.filter((m) => m.docs.some((d) => d.kind === 'to-be' && d.state === 'approved')).map((m) => m.id);
}

/** Whether a module's TO-BE design is written or approved (an implementation run needs one). */
export function hasDesign(card: ModuleCard): boolean {
  return card.docs.some((d) => d.kind === 'to-be' && (d.state === 'written' || d.state === 'approved'));
}

const LIVE = new Set<ImplementRun['state']>(['queued', 'preparing', 'running', 'checking']);

/**
 * The status to show: what this window saw of the module's runs (a run going or waiting for review now) over the
 * board's fact, which main computes from the records and the branch.
 */
export function implementationStatus(card: ModuleCard, runs: ImplementRun[]): ImplementationStatus {
  const mine = runs.filter((r) => r.moduleId === card.id);
  if (mine.some((r) => LIVE.has(r.state))) return 'running';
  if (mine.some((r) => r.state === 'review')) return 'review';
  // Main says running/review from its own records too; once this window saw the runs end, theirs is older news.
  if (card.implementation === 'committed' || mine.length === 0) return card.implementation;
  return mine.some((r) => r.state === 'committed') ? 'committed' : 'not-started';
}

/** False when the module branch holds documents only; null when unknown (no branch, or main did not say). */
export function codeChanged(card: ModuleCard): boolean | null {
  return card.codeChanged;
}
