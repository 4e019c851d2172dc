// What the CI badge, the CI tab and the board's CI line show, computed from a CI snapshot: pure, so it is tested
// without a page. The words themselves come from the locale; this file decides which facts there are to say.

import type { CiBranchRole, CiBranchStatus, CiCheck, CiCheckState, CiRateUse, CiSnapshot, CiState, CiStatus } from '../../../shared/types-ci';

/** The counts a badge shows, in this order, each only when non-zero. */
export const BADGE_ORDER: ReadonlyArray<Exclude<CiCheckState, 'skipped'>> = ['passing', 'failing', 'running'];

export const CI_SYMBOL: Record<CiCheckState | 'none', string> = { passing: '✓', failing: '✗', running: '⟳', skipped: '–', none: '·' };

export interface CiBadge {
  state: CiState;
  /** The non-zero counts, passing / failing / running; empty for "none". */
  parts: Array<{ state: Exclude<CiCheckState, 'skipped'>; count: number }>;
}

/** The module branch's entry in the status (the same object every time, so selectors stay stable), or null. */
export function branchOfModule(status: CiStatus | null, moduleId: string): CiBranchStatus | null {
  return status?.branches.find((b) => b.role === 'module' && b.moduleId === moduleId) ?? null;
}

/** The workspace, integration or base branch's entry, or null when the status has none. */
export function branchOfRole(status: CiStatus | null, role: Exclude<CiBranchRole, 'module'>): CiBranchStatus | null {
  return status?.branches.find((b) => b.role === role) ?? null;
}

/** Whether any fleet branch has a check at all: a repository without CI gets no "no CI" chip on every card. */
export function repositoryHasCi(status: CiStatus | null): boolean {
  return !!status?.branches.some((b) => b.checks.length > 0);
}

/** A branch's state with its non-zero counts (passing, failing, running). */
export function badgeOf(branch: CiBranchStatus): CiBadge {
  return { state: branch.state, parts: BADGE_ORDER.filter((s) => branch.counts[s] > 0).map((state) => ({ state, count: branch.counts[state] })) };
}

/**
 * The card's badge, or null when there is nothing worth a chip: no status read, the module's branch not in it, or
 * "none" where it says nothing new. "No CI" shows only for a branch the host has while other fleet branches do have
 * CI (pushed, and nothing ran on it); a branch not pushed is already marked by the remote chips, and a repository
 * without any CI would otherwise get the same chip on every card.
 */
export function ciBadge(branch: CiBranchStatus | null, hasCi: boolean): CiBadge | null {
  if (!branch) return null;
  if (branch.state === 'none' && (!hasCi || !branch.hostTip)) return null;
  return badgeOf(branch);
}

/** "CI 3 ✓ 1 ✗": the badge's visible text (the accessible name spells it out from the same parts). */
export function badgeSymbols(badge: CiBadge): string {
  return badge.parts.map((p) => `${p.count} ${CI_SYMBOL[p.state]}`).join(' ');
}

/** The tooltip's lines: each check with the host's own word for its state ("test: FAILURE"). */
export function hostWords(branch: CiBranchStatus): string {
  return branch.checks.map((c) => `${c.name}: ${c.hostState}`).join('\n');
}

/** How the host's tip relates to the local one: CI is about the host's commit, which may not be the local tip. */
export type TipRelation = 'same' | 'differs' | 'not-pushed' | 'no-local';

export function tipRelation(branch: Pick<CiBranchStatus, 'localTip' | 'hostTip'>): TipRelation {
  if (!branch.localTip) return 'no-local';
  if (!branch.hostTip) return 'not-pushed';
  return branch.localTip === branch.hostTip ? 'same' : 'differs';
}

/** The check's page, only when it is http(s): anything else (javascript:, file:) is never made a link. */
export function safeLink(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** How long a check ran (or has been running, at `now`), in ms; null when the host gave no start. */
export function checkDurationMs(check: Pick<CiCheck, 'startedAt' | 'completedAt'>, now: number): number | null {
  const start = check.startedAt ? Date.parse(check.startedAt) : NaN;
  if (!Number.isFinite(start)) return null;
  const end = check.completedAt ? Date.parse(check.completedAt) : now;
  return Number.isFinite(end) && end >= start ? end - start : null;
}

/** The first `lines` lines of a failure's summary, and whether more were cut. */
export function summaryHead(summary: string, lines = 12): { text: string; cut: boolean } {
  const all = summary.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  return { text: all.slice(0, lines).join('\n'), cut: all.length > lines };
}

/** Failing first, then running, passing, skipped; the host's order within each. */
export function orderChecks(checks: CiCheck[]): CiCheck[] {
  const rank: Record<CiCheckState, number> = { failing: 0, running: 1, passing: 2, skipped: 3 };
  return checks.map((check, index) => ({ check, index })).sort((a, b) => rank[a.check.state] - rank[b.check.state] || a.index - b.index).map((x) => x.check);
}

/** The rate sentence's facts: the share as a whole percent ("<1" below one), what is left of the limit, the refill. */
export interface RateFacts {
  percent: string | null;
  remaining: number | null;
  limit: number | null;
  resetAt: string | null;
}

export function rateFacts(rate: CiRateUse | null): RateFacts | null {
  if (!rate) return null;
  const share = rate.hourlyShare;
  const percent = share === null ? null : share > 0 && share < 0.01 ? '<1' : String(Math.round(share * 100));
  if (percent === null && rate.remaining === null) return null;
  return { percent, remaining: rate.remaining, limit: rate.limit, resetAt: rate.resetAt };
}

/** The words of the rate sentence, from the locale (tests pass plain English). */
export interface RateWords {
  share: (percent: string) => string;
  left: (remaining: number, limit: number) => string;
  reset: (resetAt: string) => string;
}

/** "Polling uses 4% of the hourly allowance; 4,812 of 5,000 left, refills at 13:00", from the facts the host gave. */
export function rateSentence(rate: CiRateUse | null, words: RateWords): string | null {
  const facts = rateFacts(rate);
  if (!facts) return null;
  const share = facts.percent !== null ? words.share(facts.percent) : null;
  const left = facts.remaining !== null && facts.limit !== null ? words.left(facts.remaining, facts.limit) : null;
  const reset = facts.resetAt ? words.reset(facts.resetAt) : null;
  const tail = [left, reset].filter(Boolean).join(', ');
  return [share, tail].filter(Boolean).join('; ') || null;
}

/** How many module branches are in each state (the board line's summary). */
export function modulesByState(status: CiStatus | null): Record<CiState, number> {
  const counts: Record<CiState, number> = { passing: 0, failing: 0, running: 0, none: 0 };
  for (const branch of status?.branches ?? []) if (branch.role === 'module') counts[branch.state]++;
  return counts;
}

/**
 * Keeps the objects the board already holds when a snapshot says the same (a heartbeat's answer repeats the last
 * read): 32 cards re-render only when the status really changed. An answer older than what is shown is ignored.
 */
export function mergeSnapshot(current: CiSnapshot | null, next: CiSnapshot): CiSnapshot {
  if (!current) return next;
  const sameRemote = current.remote === next.remote;
  const a = current.status;
  const b = next.status;
  if (sameRemote && a && b && b.readAt < a.readAt) return current;
  const status = sameRemote && a && b && a.readAt === b.readAt && a.remote === b.remote ? a : b;
  const error = current.error && next.error && current.error.code === next.error.code && current.error.message === next.error.message ? current.error : next.error;
  return { remote: next.remote, status, error, polling: next.polling };
}
