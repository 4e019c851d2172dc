// Dollar ranges and run facts as the implementation screens show them.

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
