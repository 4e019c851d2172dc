// The cost range before a run, and the refusal of the offline analyzer.

import { describe, expect, it } from 'vitest';
import { BUILT_IN_PROVIDERS } from '../../../../../src/shared/providers';
import { estimateImplementRun } from '../../../../../src/main/core/implement/prompt/estimate';
import { assertCanImplement } from '../../../../../src/main/core/implement/prompt/can-implement';

const price = { input: 3, output: 15 };

describe('estimateImplementRun', () => {
  it('gives a short run (a quarter of the turns) at the low end and every turn with a growing conversation at the high end', () => {
    const { lowUsd, highUsd } = estimateImplementRun({ contextTokens: 10_000, maxTurns: 40, maxOutputTokensPerTurn: 4000, price });
    // Low: 10 turns from 10k growing 1.9k a turn -> 185,500 in; 4,000 out.
    expect(lowUsd).toBeCloseTo((185_500 * 3 + 4000 * 15) / 1e6, 9);
    // High: 40 turns from 10k growing 8k a turn -> 6,640,000 in; 160,000 out.
    expect(highUsd).toBeCloseTo((6_640_000 * 3 + 160_000 * 15) / 1e6, 9);
  });

  it('caps the conversation at the model window, grows with the context, and is unknown without a price', () => {
    const open = estimateImplementRun({ contextTokens: 10_000, maxTurns: 40, maxOutputTokensPerTurn: 4000, price });
    const capped = estimateImplementRun({ contextTokens: 10_000, maxTurns: 40, maxOutputTokensPerTurn: 4000, price, contextWindow: 128_000 });
    expect(capped.highUsd!).toBeLessThan(open.highUsd!);
    expect(capped.highUsd!).toBeLessThanOrEqual((40 * 128_000 * 3 + 160_000 * 15) / 1e6);
    const bigger = estimateImplementRun({ contextTokens: 20_000, maxTurns: 40, maxOutputTokensPerTurn: 4000, price });
    expect(bigger.lowUsd!).toBeGreaterThan(open.lowUsd!);
    expect(estimateImplementRun({ contextTokens: 10_000, maxTurns: 40, maxOutputTokensPerTurn: 4000, price: null })).toEqual({ lowUsd: null, highUsd: null });
    expect(estimateImplementRun({ contextTokens: 10_000, maxTurns: 40, maxOutputTokensPerTurn: 4000, price: { input: 0, output: 0 } })).toEqual({ lowUsd: 0, highUsd: 0 });
  });
});

describe('assertCanImplement', () => {
  it('refuses the offline analyzer with a sentence saying it cannot change code, and accepts model providers', () => {
    const offline = BUILT_IN_PROVIDERS.find((p) => p.kind === 'offline')!;
    expect(() => assertCanImplement(offline)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED', message: expect.stringMatching(/cannot implement a module: it writes AS-IS analyses/) }));
    for (const provider of BUILT_IN_PROVIDERS.filter((p) => p.kind !== 'offline')) expect(() => assertCanImplement(provider)).not.toThrow();
  });
});
