import { describe, expect, it } from 'vitest';
import { badgeSymbols, checkDurationMs, ciBadge, mergeSnapshot, modulesByState, orderChecks, rateSentence, safeLink, summaryHead, tipRelation } from '../../src/renderer/src/lib/ciView';
import type { CiBranchStatus, CiCheck, CiSnapshot, CiStatus } from '../../src/shared/types-ci';

const check = (name: string, state: CiCheck['state'], extra: Partial<CiCheck> = {}): CiCheck => ({
  name,
  kind: 'check-run',
  state,
  hostState: state.toUpperCase(),
  url: null,
  summary: null,
  workflow: null,
  startedAt: null,
  completedAt: null,
  ...extra,
});

function branch(checks: CiCheck[], extra: Partial<CiBranchStatus> = {}): CiBranchStatus {
  const counts = { passing: 0, failing: 0, running: 0, skipped: 0 };
  for (const c of checks) counts[c.state]++;
  const state = counts.failing ? 'failing' : counts.running ? 'running' : counts.passing ? 'passing' : 'none';
  return { branch: 'module/fleet-hub', role: 'module', moduleId: 'fleet-hub', localTip: 'a'.repeat(40), hostTip: 'a'.repeat(40), state, counts, checks, ...extra };
}

const status = (branches: CiBranchStatus[], readAt = '2026-12-03T12:00:00.000Z'): CiStatus => ({
  remote: 'origin',
  host: 'github',
  repository: 'acme/fleet',
  webUrl: 'https://github.com/acme/fleet',
  via: 'graphql',
  readAt,
  branches,
  rate: null,
});

const polling: CiSnapshot['polling'] = { intervalMs: 60_000, nextAt: null, reason: 'visible', following: [] };

describe('CI view', () => {
  it('gives a card "CI 3 ✓ 1 ✗" with the non-zero counts in the order passing, failing, running', () => {
    const badge = ciBadge(branch([check('a', 'passing'), check('b', 'passing'), check('c', 'passing'), check('d', 'failing'), check('e', 'skipped')]), true)!;
    expect(badge.state).toBe('failing');
    expect(badge.parts).toEqual([
      { state: 'passing', count: 3 },
      { state: 'failing', count: 1 },
    ]);
    expect(badgeSymbols(badge)).toBe('3 ✓ 1 ✗');
    expect(badgeSymbols(ciBadge(branch([check('a', 'running'), check('b', 'passing')]), true)!)).toBe('1 ✓ 1 ⟳');
  });

  it('shows no badge without a status, and "no CI" only for a pushed branch where some fleet branch has CI at all', () => {
    expect(ciBadge(null, true)).toBeNull();
    const bare = branch([]);
    expect(ciBadge(bare, false)).toBeNull();
    expect(ciBadge(bare, true)).toEqual({ state: 'none', parts: [] });
    expect(ciBadge(branch([], { hostTip: null }), true)).toBeNull();
  });

  it('says whether CI is about the local tip, an older or newer commit on the host, or a branch not pushed', () => {
    expect(tipRelation({ localTip: 'a', hostTip: 'a' })).toBe('same');
    expect(tipRelation({ localTip: 'b', hostTip: 'a' })).toBe('differs');
    expect(tipRelation({ localTip: 'b', hostTip: null })).toBe('not-pushed');
    expect(tipRelation({ localTip: null, hostTip: 'a' })).toBe('no-local');
  });

  it('links a check only to an http or https page', () => {
    expect(safeLink('https://github.com/acme/fleet/actions/runs/1')).toBe('https://github.com/acme/fleet/actions/runs/1');
    expect(safeLink('http://127.0.0.1:4000/acme/fleet/runs/9000')).toBe('http://127.0.0.1:4000/acme/fleet/runs/9000');
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink('file:///etc/passwd')).toBeNull();
    expect(safeLink('not a url')).toBeNull();
    expect(safeLink(null)).toBeNull();
  });

  it('measures a finished check from start to end and a running one until now', () => {
    expect(checkDurationMs({ startedAt: '2026-01-05T10:00:00Z', completedAt: '2026-01-05T10:03:00Z' }, 0)).toBe(180_000);
    expect(checkDurationMs({ startedAt: '2026-01-05T10:00:00Z', completedAt: null }, Date.parse('2026-01-05T10:00:30Z'))).toBe(30_000);
    expect(checkDurationMs({ startedAt: null, completedAt: null }, 0)).toBeNull();
  });

  it('keeps the first lines of a failure summary and says when more were cut', () => {
    const long = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\r\n');
    expect(summaryHead(long, 12)).toEqual({ text: Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n'), cut: true });
    expect(summaryHead('FAIL test/a.test.ts\n\n', 12)).toEqual({ text: 'FAIL test/a.test.ts', cut: false });
  });

  it('lists failing checks first, then running, passing and skipped, keeping the host order within each', () => {
    const ordered = orderChecks([check('lint', 'passing'), check('e2e', 'skipped'), check('unit', 'failing'), check('build', 'running'), check('types', 'failing')]);
    expect(ordered.map((c) => c.name)).toEqual(['unit', 'types', 'build', 'lint', 'e2e']);
  });

  const words = { share: (p: string) => `Polling uses ${p}% of the hourly allowance`, left: (r: number, l: number) => `${r} of ${l} left`, reset: (at: string) => `refills at ${at.slice(11, 16)}` };

  it('says how much of the hourly allowance polling uses, what is left and when it refills', () => {
    expect(rateSentence({ limit: 5000, remaining: 4812, resetAt: '2026-12-03T13:00:00Z', requestsPerPoll: 3, hourlyShare: 0.036 }, words)).toBe('Polling uses 4% of the hourly allowance; 4812 of 5000 left, refills at 13:00');
    expect(rateSentence({ limit: 5000, remaining: 4999, resetAt: null, requestsPerPoll: 1, hourlyShare: 0.012 * 0.1 }, words)).toBe('Polling uses <1% of the hourly allowance; 4999 of 5000 left');
  });

  it('says nothing about the rate where the host gives no limit (Azure DevOps)', () => {
    expect(rateSentence(null, words)).toBeNull();
    expect(rateSentence({ limit: null, remaining: null, resetAt: null, requestsPerPoll: 2, hourlyShare: null }, words)).toBeNull();
  });

  it('counts module branches per state for the board line, leaving the workspace, integration and base branches out', () => {
    const counts = modulesByState(status([branch([check('a', 'failing')]), branch([check('a', 'passing')], { moduleId: 'x' }), branch([], { role: 'integration', moduleId: null })]));
    expect(counts).toEqual({ passing: 1, failing: 1, running: 0, none: 0 });
  });

  it('keeps the status object a heartbeat repeats, so the cards do not re-render, and ignores an older answer', () => {
    const first: CiSnapshot = { remote: 'origin', status: status([branch([check('a', 'passing')])]), error: null, polling };
    const repeat: CiSnapshot = JSON.parse(JSON.stringify({ ...first, polling: { ...polling, reason: 'idle' } }));
    const merged = mergeSnapshot(first, repeat);
    expect(merged.status).toBe(first.status);
    expect(merged.polling.reason).toBe('idle');
    const newer: CiSnapshot = { ...repeat, status: status([branch([check('a', 'failing')])], '2026-12-03T12:01:00.000Z') };
    expect(mergeSnapshot(first, newer).status).toBe(newer.status);
    expect(mergeSnapshot(mergeSnapshot(first, newer), first).status).toBe(newer.status);
    const failed: CiSnapshot = { ...first, error: { code: 'RATE_LIMITED', message: 'rate limited until 13:00 UTC' } };
    expect(mergeSnapshot(first, failed).error?.code).toBe('RATE_LIMITED');
    expect(mergeSnapshot(first, failed).status).toBe(first.status);
  });
});
