// How `fleet-control implement` words things: the estimate as a table, one line per transcript entry (model turn,
// tool call, check round, notice), a run's closing summary. Pure text; the caller prints it through the redaction step.

import type { ImplementEstimate, ImplementRun, TranscriptEntry } from '../shared/types-implement';

export const dollars = (n: number | null): string => (n === null ? '?' : `$${n < 0.01 && n > 0 ? n.toFixed(4) : n.toFixed(2)}`);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** One line of at most `max` characters: whitespace runs become one space, a cut ends in an ellipsis. */
export function oneLine(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const field = (args: unknown, name: string): string | undefined => {
  const value = args !== null && typeof args === 'object' ? (args as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
};

/** A tool call's arguments, short: the path or pattern it works on rather than file contents. */
export function shortArgs(tool: string, args: unknown): string {
  const get = (name: string) => field(args, name);
  switch (tool) {
    case 'read_file': {
      const range = get('offset') || get('limit') ? ` ${get('offset') ?? 1}+${get('limit') ?? '…'}` : '';
      return `${get('path') ?? '?'}${range}`;
    }
    case 'write_file':
      return `${get('path') ?? '?'}, ${field(args, 'content')?.length ?? 0} chars`;
    case 'edit_file':
    case 'delete_file':
      return get('path') ?? '?';
    case 'rename_file':
      return `${get('from') ?? '?'} -> ${get('to') ?? '?'}`;
    case 'search':
      return [get('pattern'), get('glob')].filter(Boolean).map((v) => JSON.stringify(v)).join(', ');
    case 'list_files':
      return get('glob') ?? '';
    case 'run_command':
      return oneLine(get('command') ?? '', 60);
    case 'finish':
    case 'run_check':
      return '';
    default:
      return oneLine(typeof args === 'string' ? args : JSON.stringify(args) ?? '', 60);
  }
}

/** The line of one transcript entry, prefixed with its module; null for entries not worth a line. */
export function entryLine(moduleId: string, entry: TranscriptEntry): string | null {
  const at = `[${moduleId}]`;
  switch (entry.type) {
    case 'instruction':
      return entry.followUp ? `${at} follow-up: ${oneLine(entry.text)}` : null;
    case 'model': {
      const text = oneLine(entry.text) || (entry.reasoning ? `(reasoning) ${oneLine(entry.reasoning, 80)}` : '(tool calls only)');
      return `${at} turn ${entry.turn}: ${text}  [${entry.tokensIn} in, ${entry.tokensOut} out, ${dollars(entry.costUsd)}]`;
    }
    case 'tool': {
      const outcome = entry.ok ? 'ok' : `error: ${oneLine(entry.result, 120)}`;
      return `${at}   ${entry.tool}(${shortArgs(entry.tool, entry.args)}) ${outcome}`;
    }
    case 'check':
      return `${at} check round ${entry.round}: ${entry.state}${entry.exitCode !== null ? ` (exit ${entry.exitCode})` : ''}, ${seconds(entry.durationMs)}`;
    case 'notice':
      return `${at} ${entry.level}: ${oneLine(entry.text, 200)}`;
  }
}

/** The estimate: a row per module (context size, cost range or why it is blocked), the totals and the caps. */
export function estimateLines(estimate: ImplementEstimate): string[] {
  const rows = estimate.runs.map((r) => [r.moduleId, String(r.contextTokens), r.blocked ? '-' : `${dollars(r.lowUsd)} - ${dollars(r.highUsd)}`, r.blocked ? `blocked: ${r.blocked}` : '']);
  const header = ['MODULE', 'CONTEXT', 'COST', 'NOTES'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const { totals, budget } = estimate;
  const caps = [
    `at most ${estimate.maxTurns} turns a run`,
    budget.batchUsd !== null ? `batch budget ${dollars(budget.batchUsd)}` : 'no batch budget',
    budget.workspaceUsd !== null ? `workspace budget ${dollars(budget.workspaceUsd)} (${dollars(budget.workspaceSpentUsd)} spent)` : '',
  ].filter(Boolean);
  const who = estimate.engine === 'builtin' ? `${estimate.provider} ${estimate.model}` : `engine ${estimate.engine}${estimate.model ? ` with ${estimate.model}` : ' (its own default model)'}${estimate.costKnown ? '' : ', cost unknown'}`;
  return [
    who,
    line(header),
    ...rows.map(line),
    '',
    `${totals.runs} run${totals.runs === 1 ? '' : 's'}${totals.blocked ? ` (${totals.blocked} blocked)` : ''}, ${dollars(totals.lowUsd)} - ${dollars(totals.highUsd)}; ${caps.join(', ')}.`,
    oneLine(estimate.summary, 400),
  ];
}

/** A run's end in one line: state, why it stopped, files, turns, tokens, cost, check. */
export function runSummaryLine(run: ImplementRun): string {
  const check = run.check ? `check ${run.check.state}${run.check.state === 'not-configured' ? '' : ` (round ${run.check.round})`}` : 'no check';
  const parts = [
    `${run.state}${run.stop ? ` (${run.stop})` : ''}`,
    `${run.changedFiles} file${run.changedFiles === 1 ? '' : 's'} changed`,
    `${run.turns} turns, ${run.toolCalls} tool calls`,
    `tokens ${run.tokensIn} in, ${run.tokensOut} out`,
    run.costKnown === false ? 'cost unknown' : dollars(run.costUsd),
    check,
  ];
  const error = run.error ? `: ${oneLine(run.error.message, 200)}` : '';
  const engine = run.engine !== 'builtin' ? ` [${run.engine}]` : '';
  return `${run.moduleId}${engine}: ${parts.join(', ')}${error}`;
}
