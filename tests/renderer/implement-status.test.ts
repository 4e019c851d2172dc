import { describe, expect, it } from 'vitest';
import type { ImplementRun } from '../../src/shared/types-implement';
import { approvedModules, codeChanged, hasDesign, implementationStatus } from '../../src/renderer/src/lib/implementStatus';
import { makeCard } from './cards';

function run(moduleId: string, state: ImplementRun['state']): ImplementRun {
  return {
    runId: `${moduleId}-${state}`, batchId: 'b', moduleId, engine: 'builtin', provider: 'lmstudio', model: 'm', state, stop: null, instruction: null,
    startTip: null, queuedAt: '2026-12-03T00:00:00Z', startedAt: null, finishedAt: null, turns: 0, toolCalls: 0, tokensIn: 0, tokensOut: 0, costUsd: 0,
    changedFiles: 0, check: null, repairRounds: 0, workingCopy: true, commit: null, summary: null, error: null,
  };
}

describe('implementation status on the board', () => {
  it('defaults a batch to the modules whose TO-BE is approved, and needs a written TO-BE to implement', () => {
    const approved = makeCard('fleet-hub', { states: ['written', 'approved', 'template', 'template', 'template'] });
    const written = makeCard('drivers-hub', { states: ['written', 'written', 'template', 'template', 'template'] });
    const none = makeCard('webhooks');
    expect(approvedModules([approved, written, none])).toEqual(['fleet-hub']);
    expect([approved, written, none].map(hasDesign)).toEqual([true, true, false]);
  });

  it("shows a run going or waiting for review over the board's fact, and the board's fact otherwise", () => {
    const card = makeCard('fleet-hub');
    expect(implementationStatus(card, [])).toBe('not-started');
    expect(implementationStatus(card, [run('fleet-hub', 'checking')])).toBe('running');
    expect(implementationStatus(card, [run('fleet-hub', 'review'), run('fleet-hub', 'committed')])).toBe('review');
    expect(implementationStatus(card, [run('drivers-hub', 'running')])).toBe('not-started');
    const committed = { ...card, implementation: 'committed' as const };
    expect(implementationStatus(committed, [run('fleet-hub', 'discarded')])).toBe('committed');
    expect(implementationStatus(card, [run('fleet-hub', 'committed')])).toBe('committed');
    // A run main still counts as waiting for review, but this window saw it discarded: not started.
    expect(implementationStatus({ ...card, implementation: 'review' }, [run('fleet-hub', 'discarded')])).toBe('not-started');
    // Main saw a run this window never loaded.
    expect(implementationStatus({ ...card, implementation: 'running' }, [])).toBe('running');
  });

  it('says "documents only" only when main says the branch changes no code', () => {
    const card = makeCard('fleet-hub');
    expect(codeChanged({ ...card, codeChanged: null })).toBeNull();
    expect(codeChanged({ ...card, codeChanged: false })).toBe(false);
  });
});
