// Implementation batches as the board's batch bar shows them: live progress from events where this window saw some,
// else what the run records say (a batch a quit interrupted), with its spending known or not.

import type { ImplementBatchProgress, ImplementRun } from '../../../shared/types-implement';

/** States of a run still on its way (queued or working). */
export const LIVE_STATES: ReadonlySet<ImplementRun['state']> = new Set(['queued', 'preparing', 'running', 'checking']);

export interface BatchLine {
  batchId: string;
  state: ImplementBatchProgress['state'];
  total: number;
  done: number;
  costUsd: number;
  /** False when a run of the batch uses an engine that reports no cost: its spending shows as unknown, never as $0. */
  costKnown: boolean;
  message?: string;
}

/** Batches worth showing: live progress from events, else what the run records say. */
export function batchLines(runs: Record<string, ImplementRun>, batches: Record<string, ImplementBatchProgress>): BatchLine[] {
  const byBatch = new Map<string, ImplementRun[]>();
  for (const r of Object.values(runs)) byBatch.set(r.batchId, [...(byBatch.get(r.batchId) ?? []), r]);
  const lines: BatchLine[] = [];
  for (const [batchId, list] of byBatch) {
    const p = batches[batchId];
    const costKnown = list.every((r) => r.costKnown !== false);
    if (p) {
      if (p.state === 'running' || p.state === 'interrupted' || p.state === 'stopped') lines.push({ ...p, costKnown });
      continue;
    }
    const queued = list.filter((r) => r.state === 'queued').length;
    const working = list.filter((r) => LIVE_STATES.has(r.state) && r.state !== 'queued').length;
    if (queued === 0 && working === 0) continue;
    const done = list.length - queued - working;
    const costUsd = list.reduce((a, r) => a + r.costUsd, 0);
    lines.push({ batchId, state: working > 0 ? 'running' : 'interrupted', total: list.length, done, costUsd, costKnown });
  }
  return lines;
}

