// The price table: dollars per million input and output tokens, per "provider/model" (or "provider/*").
// Committed as .fleet/prices.json on the workspace branch; these defaults apply until one is committed.

import { findPrototypeKey, prototypeKeyProblem } from './prototype-keys';

export const PRICES_PATH = '.fleet/prices.json';

export interface PriceEntry {
  /** Dollars per million input (prompt) tokens. */
  input: number;
  /** Dollars per million output (answer) tokens. */
  output: number;
}

export type PriceTable = Record<string, PriceEntry>;

/** List prices when this table was written; the user edits them to what their account pays. */
export const DEFAULT_PRICES: PriceTable = {
  'offline/*': { input: 0, output: 0 },
  'xai/grok-4': { input: 3, output: 15 },
  'xai/grok-3': { input: 3, output: 15 },
  'xai/grok-3-mini': { input: 0.3, output: 0.5 },
  'xai/grok-code-fast-1': { input: 0.2, output: 1.5 },
  'openai/gpt-4.1': { input: 2, output: 8 },
  'openai/gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'openai/gpt-4o': { input: 2.5, output: 10 },
  'openai/gpt-4o-mini': { input: 0.15, output: 0.6 },
  'anthropic/claude-sonnet-4-5': { input: 3, output: 15 },
  'anthropic/claude-haiku-4-5': { input: 1, output: 5 },
  'anthropic/claude-opus-4-1': { input: 15, output: 75 },
  'ollama/*': { input: 0, output: 0 },
  'lmstudio/*': { input: 0, output: 0 },
};

const KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[\x21-\x7e]+$/;

function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (value === null) return 'null';
  if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'an object';
  return String(value);
}

/**
 * Checks a price table (parsed JSON of any shape); returns the table or one sentence per problem, each naming
 * the entry, e.g. `"xai/grok-4": output must be a number of dollars per million tokens, got "abc"`.
 */
export function checkPriceTable(value: unknown): { ok: true; prices: PriceTable } | { ok: false; problems: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problems: ['the price table must be an object of "provider/model": {"input": n, "output": n} entries'] };
  }
  const protoKey = findPrototypeKey(value);
  if (protoKey) return { ok: false, problems: [prototypeKeyProblem(protoKey)] };
  const problems: string[] = [];
  const prices: PriceTable = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (!KEY.test(key)) {
      problems.push(`"${key}": the name must be "provider/model" or "provider/*" (e.g. "xai/grok-4")`);
      continue;
    }
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`"${key}": must be {"input": number, "output": number}, got ${describe(entry)}`);
      continue;
    }
    const fields = entry as Record<string, unknown>;
    for (const extra of Object.keys(fields).filter((f) => f !== 'input' && f !== 'output')) problems.push(`"${key}": unknown field "${extra}"`);
    let good = true;
    for (const side of ['input', 'output'] as const) {
      const amount = fields[side];
      if (typeof amount !== 'number' || !Number.isFinite(amount)) {
        problems.push(`"${key}": ${side} must be a number of dollars per million tokens, got ${amount === undefined ? 'nothing' : describe(amount)}`);
        good = false;
      } else if (amount < 0 || amount > 10_000) {
        problems.push(`"${key}": ${side} must be between 0 and 10000 dollars per million tokens, got ${amount}`);
        good = false;
      }
    }
    if (good) prices[key] = { input: fields.input as number, output: fields.output as number };
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, prices };
}

/** The price of `provider/model`, else of `provider/*`, else null (unknown). */
export function findPrice(prices: PriceTable, providerId: string, model: string): PriceEntry | null {
  return prices[`${providerId}/${model}`] ?? prices[`${providerId}/*`] ?? null;
}

/** Dollars for the given tokens at `price`. */
export function costOf(price: PriceEntry, tokensIn: number, tokensOut: number): number {
  return (tokensIn * price.input + tokensOut * price.output) / 1_000_000;
}
