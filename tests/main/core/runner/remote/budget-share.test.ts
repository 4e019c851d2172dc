import { describe, expect, it } from 'vitest';
import { nextShare } from '../../../../../src/main/core/runner/remote/budget-share';

describe('the next remote run share of a batch budget', () => {
  it('splits what remains over the runs left, at least the run lowest estimate and never above what remains', () => {
    expect(nextShare({ budgetUsd: 10, spentUsd: 0, outstandingUsd: 0, runsLeft: 4, lowUsd: 1 })).toEqual({ kind: 'dispatch', shareUsd: 2.5 });
    expect(nextShare({ budgetUsd: 10, spentUsd: 2, outstandingUsd: 6, runsLeft: 4, lowUsd: 1.5 })).toEqual({ kind: 'dispatch', shareUsd: 1.5 });
    expect(nextShare({ budgetUsd: 10, spentUsd: 2, outstandingUsd: 6.5, runsLeft: 1, lowUsd: 1 })).toEqual({ kind: 'dispatch', shareUsd: 1.5 });
    expect(nextShare({ budgetUsd: 3, spentUsd: 0, outstandingUsd: 0, runsLeft: 3, lowUsd: 1.2 })).toEqual({ kind: 'dispatch', shareUsd: 1.2 });
  });

  it('waits for runs still out when what remains cannot cover the next run, and stops with a reason once none are out', () => {
    expect(nextShare({ budgetUsd: 3, spentUsd: 0, outstandingUsd: 2.4, runsLeft: 1, lowUsd: 1.2 })).toEqual({ kind: 'wait' });
    const stop = nextShare({ budgetUsd: 3, spentUsd: 2.2, outstandingUsd: 0, runsLeft: 1, lowUsd: 1.2 });
    expect(stop).toEqual({ kind: 'skip', message: "Not dispatched: the $0.80 left of the batch budget of $3.00 cannot cover this run's lowest estimate of $1.20." });
    expect(nextShare({ budgetUsd: 3, spentUsd: 3, outstandingUsd: 0, runsLeft: 2, lowUsd: null })).toMatchObject({ kind: 'skip' });
  });
});
