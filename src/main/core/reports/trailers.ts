// Reads git trailers ("Key: value" lines closing a commit message) and the agent-run provenance Fleet Control
// writes into them (core/agents/run-commit.ts).

/** The run that produced a committed document, as its commit's trailers tell it. */
export interface RunProvenance {
  runId: string;
  provider: string;
  model: string;
  promptHash: string | null;
  tokens: string | null;
  costUsd: number | null;
  edited: boolean | null;
}

const TRAILER_LINE = /^([A-Za-z0-9][A-Za-z0-9-]*):\s*(.*)$/;

/** The trailers of `message`: the `Key: value` lines of its last paragraph, when that paragraph is not the subject. */
export function parseTrailers(message: string): Record<string, string> {
  const paragraphs = message.replace(/\r/g, '').trim().split(/\n\s*\n/);
  if (paragraphs.length < 2) return {};
  const lines = paragraphs[paragraphs.length - 1]!.split('\n');
  const trailers: Record<string, string> = {};
  for (const line of lines) {
    const match = TRAILER_LINE.exec(line.trim());
    if (!match) return {}; // git takes a paragraph as trailers only when every line is one
    trailers[match[1]!] = match[2]!.trim();
  }
  return trailers;
}

/** The run provenance in `trailers`, or null when the commit was not made from an agent run. */
export function runProvenance(trailers: Record<string, string>): RunProvenance | null {
  const runId = trailers['Fleet-Run'];
  if (!runId) return null;
  const cost = /^([0-9]+(?:\.[0-9]+)?)\s*USD$/.exec(trailers['Fleet-Cost'] ?? '');
  const promptHash = trailers['Fleet-Prompt-Hash'];
  const edited = trailers['Fleet-Edited'];
  return {
    runId,
    provider: trailers['Fleet-Provider'] ?? 'unknown',
    model: trailers['Fleet-Model'] ?? 'unknown',
    promptHash: promptHash && promptHash !== 'none' ? promptHash : null,
    tokens: trailers['Fleet-Tokens'] ?? null,
    costUsd: cost ? Number(cost[1]) : null,
    edited: edited === 'yes' ? true : edited === 'no' ? false : null,
  };
}
