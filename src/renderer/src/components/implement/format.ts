// Dollar ranges and run facts as the implementation screens show them.

import type { TFunction } from 'i18next';
import { formatUsd } from '../../lib/agentFormat';

/** "$0.40–$2.10", one end when both are equal, "?" when the price is unknown. */
export function formatRange(low: number | null, high: number | null): string {
  if (low === null || high === null) return '?';
  if (formatUsd(low) === formatUsd(high)) return formatUsd(low);
  return `${formatUsd(low)}–${formatUsd(high)}`;
}

/** The first seven characters of a commit id. */
export function shortOid(oid: string | null | undefined): string {
  return oid ? oid.slice(0, 7) : '';
}

/** A run's spending: "cost unknown" for an engine that reports none (never a misleading $0.00). */
export function runCost(t: TFunction, run: { costUsd: number; costKnown?: boolean }): string {
  return run.costKnown === false ? t('implement.cost.unknown') : formatUsd(run.costUsd);
}

/** The engine a run used as people name it: "Claude Code", "Built-in loop"; an unknown id as it is. */
export function engineName(t: TFunction, engine: string): string {
  return t(`implement.engine.names.${engine}`, { defaultValue: engine });
}

/** Whether an engine is an agent CLI (its spending is reported after each call, so a budget may be overshot). */
export function isCliEngine(engine: string | undefined): boolean {
  return !!engine && engine !== 'builtin';
}
