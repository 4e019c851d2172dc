// The cost range of an implementation run before it starts, from the size of its context.
//
// Every turn sends the whole conversation again, so input grows turn by turn:
//   input(n turns, growth g) = n*C + g*n*(n-1)/2      (C: system prompt + first message, in tokens)
//   low  = a short run: n = ceil(maxTurns/4) turns, each adding LOW_GROWTH tokens (a call and a read file's
//          result) and answering LOW_OUTPUT tokens (at most maxOutputTokensPerTurn);
//   high = maxTurns turns, each adding maxOutputTokensPerTurn + HIGH_RESULT tokens (a full answer and the largest
//          bounded tool result), the conversation capped at contextWindow when given, and each answering
//          maxOutputTokensPerTurn tokens.
// Both priced by the price entry (dollars per million tokens); null when the model has no price.

import { costOf, type PriceEntry } from '../../../../shared/prices';

const LOW_GROWTH = 1500;
const LOW_OUTPUT = 400;
const HIGH_RESULT = 4000;

export interface ImplementEstimateInput {
  contextTokens: number;
  maxTurns: number;
  maxOutputTokensPerTurn: number;
  price: PriceEntry | null;
  /** The model's window: the conversation cannot grow past it. */
  contextWindow?: number;
}

/** Input tokens over `turns` turns starting at `start`, growing by `growth` a turn, each turn capped at `cap`. */
function growingInput(start: number, turns: number, growth: number, cap: number): number {
  let total = 0;
  for (let k = 0; k < turns; k++) total += Math.min(cap, start + k * growth);
  return total;
}

/** The low and high ends of a run's cost (turns × tokens per turn, from the context size). */
export function estimateImplementRun(input: ImplementEstimateInput): { lowUsd: number | null; highUsd: number | null } {
  if (!input.price) return { lowUsd: null, highUsd: null };
  const turns = Math.max(1, input.maxTurns);
  const out = Math.max(1, input.maxOutputTokensPerTurn);
  const cap = input.contextWindow ?? Number.POSITIVE_INFINITY;
  const lowTurns = Math.max(1, Math.ceil(turns / 4));
  const lowOut = Math.min(out, LOW_OUTPUT);
  const low = costOf(input.price, growingInput(input.contextTokens, lowTurns, LOW_GROWTH + lowOut, cap), lowTurns * lowOut);
  const high = costOf(input.price, growingInput(input.contextTokens, turns, out + HIGH_RESULT, cap), turns * out);
  return { lowUsd: low, highUsd: high };
}
