// One sentence for a module's latest check result, as the generated reports state it.

import type { CheckResult } from '../../../shared/types-checks';
import { inlineCode, utcMinute } from './markdown-text';

const STATE_WORDS: Record<CheckResult['state'], string> = {
  passed: 'Passed',
  failed: 'Failed',
  'timed-out': 'Timed out',
  cancelled: 'Cancelled',
  error: 'Could not run',
};

/** True when the branch moved past the commit the check ran on (or is gone). */
export function isStale(result: CheckResult, tip: string | null): boolean {
  return tip === null || result.commit !== tip;
}

/** A short label: "passed", "failed (stale)", "not run". */
export function checkLabel(result: CheckResult | undefined, tip: string | null): string {
  if (!result) return 'not run';
  return `${STATE_WORDS[result.state].toLowerCase()}${isStale(result, tip) ? ' (stale)' : ''}`;
}

/** "Passed on `abc1234` (`npm test`, 12.3 s, 2026-11-24 09:30 UTC)." plus why it failed and whether it is stale. */
export function checkSentence(result: CheckResult | undefined, tip: string | null): string {
  if (!result) return 'No check has run on this branch yet.';
  const seconds = (result.durationMs / 1000).toFixed(1);
  const exit = result.state === 'failed' && result.exitCode !== null ? `, exit code ${result.exitCode}` : '';
  const parts = [`${STATE_WORDS[result.state]} on ${inlineCode(result.commit.slice(0, 7))} (${inlineCode(result.command)}, ${seconds} s${exit}, ${utcMinute(result.startedAt)}).`];
  if (result.message) parts.push(`Reason: ${inlineCode(result.message)}.`);
  if (isStale(result, tip)) parts.push('The branch has moved since: run the check again for a current result.');
  return parts.join(' ');
}
