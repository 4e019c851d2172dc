// Tokens, dollars and durations of agent runs, as the run panel and the estimate show them.

import { formatNumber } from '../format';

/** "640k", "1.2M", "980". */
export function formatTokens(n: number): string {
  if (n >= 1_000_000) return `${formatNumber(Math.round(n / 100_000) / 10)}M`;
  if (n >= 10_000) return `${formatNumber(Math.round(n / 1000))}k`;
  return formatNumber(n);
}

/** "$3.20"; small amounts keep more digits ("$0.0042"); null is an unknown price. */
export function formatUsd(n: number | null): string {
  if (n === null) return '?';
  if (n === 0) return '$0';
  return n < 0.01 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
