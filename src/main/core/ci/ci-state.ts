// Hosts' words for a check turned into the four states a user reads (passing, failing, running, skipped), and a
// branch's checks summed up into one state with counts. A failure anywhere makes the branch failing; otherwise
// anything unfinished makes it running; no checks at all is "none", never "passing".

import type { CiCheck, CiCheckState, CiCounts, CiState } from '../../../shared/types-ci';

const SKIPPED = new Set(['neutral', 'skipped', 'stale']);
const RUNNING = new Set(['pending', 'expected']);

/** A GitHub check run's state from its status and conclusion (GraphQL upper-case or REST lower-case). */
export function checkRunState(status: string, conclusion: string | null): CiCheckState {
  if (status.toLowerCase() !== 'completed') return 'running';
  const word = (conclusion ?? '').toLowerCase();
  if (word === 'success') return 'passing';
  if (SKIPPED.has(word)) return 'skipped';
  // failure, timed_out, cancelled, action_required, startup_failure, or a word GitHub adds later: not green.
  return 'failing';
}

/** A GitHub commit status's state (error, failure, pending, success; EXPECTED in GraphQL). */
export function statusContextState(state: string): CiCheckState {
  const word = state.toLowerCase();
  if (word === 'success') return 'passing';
  if (RUNNING.has(word)) return 'running';
  return 'failing';
}

/** An Azure Pipelines build's state from its status and result words (partiallySucceeded counts as failing). */
export function buildState(status: string, result: string | null): CiCheckState {
  if (status.toLowerCase() !== 'completed') return 'running';
  const word = (result ?? '').toLowerCase();
  if (word === 'succeeded') return 'passing';
  if (word === 'none' || word === '') return 'skipped';
  return 'failing';
}

/** The counts of each state among a branch's checks. */
export function countChecks(checks: readonly CiCheck[]): CiCounts {
  const counts: CiCounts = { passing: 0, failing: 0, running: 0, skipped: 0 };
  for (const check of checks) counts[check.state]++;
  return counts;
}

/** The branch's state from its counts: failing before running before passing; none without a single check. */
export function branchState(counts: CiCounts): CiState {
  if (counts.failing > 0) return 'failing';
  if (counts.running > 0) return 'running';
  if (counts.passing > 0) return 'passing';
  return 'none';
}

/** The first `lines` non-empty lines of a summary, each cut to 200 characters; null for nothing. */
export function firstLines(text: string | null | undefined, lines = 6): string | null {
  if (!text) return null;
  const kept = text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .slice(0, lines)
    .map((line) => (line.length > 200 ? `${line.slice(0, 199)}…` : line));
  return kept.length ? kept.join('\n') : null;
}

/** A link the renderer may show: http(s) only, so a host's answer can never make the app run script. */
export function safeLink(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}
