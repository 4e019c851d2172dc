// Token counts before a provider reports them: about four characters per token for English and code.
// Budgets reserve with three characters per token, so a real count is very unlikely to exceed the reservation.

/** Estimated tokens of `text` (or of that many characters). */
export function estimateTokens(text: string | number): number {
  const chars = typeof text === 'number' ? text : text.length;
  return Math.ceil(chars / 4);
}

/** A deliberately high count, for reserving budget before a run. */
export function reserveTokens(text: string | number): number {
  const chars = typeof text === 'number' ? text : text.length;
  return Math.ceil(chars / 3);
}

/** "12.3k" style counts for summaries. */
export function formatTokens(tokens: number): string {
  if (tokens >= 1_000_000) return `${(tokens / 1_000_000).toFixed(tokens >= 10_000_000 ? 0 : 1)}M`;
  if (tokens >= 1000) return `${(tokens / 1000).toFixed(tokens >= 100_000 ? 0 : 1)}k`;
  return String(tokens);
}
