// Claude Code as an engine: `claude -p` (print mode) with `--output-format stream-json --verbose`, reading the
// prompt from stdin. The parser follows the documented stream-json messages of print mode / the Agent SDK
// (docs.claude.com "Run Claude Code programmatically" and the SDK's SDKMessage types): `system`/`init` (session_id,
// model), `assistant` (message.content: `text` and `tool_use` {id, name, input} blocks), `user` (message.content:
// `tool_result` {tool_use_id, content, is_error}) and the last line `result` (subtype, is_error, num_turns, result,
// session_id, total_cost_usd, usage {input_tokens, output_tokens, cache_*_input_tokens}).

import type { EngineAdapter, EngineEvent } from './types';
import { jsonLine, num, shellWord, str, unreadLine } from './shell-words';

type Block = Record<string, unknown>;

function blocks(message: unknown): Block[] {
  const content = (message as { content?: unknown } | null)?.content;
  return Array.isArray(content) ? content.filter((b): b is Block => b !== null && typeof b === 'object') : [];
}

/** A tool result's content: a string, or text blocks. */
function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return content === undefined ? '' : JSON.stringify(content);
  return content.map((part: Block) => (part?.type === 'text' ? String(part.text ?? '') : JSON.stringify(part))).join('\n');
}

function resultEvents(line: Record<string, unknown>): EngineEvent[] {
  const usage = (line.usage ?? {}) as Record<string, unknown>;
  const tokensIn = num(usage.input_tokens) + num(usage.cache_creation_input_tokens) + num(usage.cache_read_input_tokens);
  const cost = typeof line.total_cost_usd === 'number' ? line.total_cost_usd : null;
  const subtype = str(line.subtype) ?? '';
  const stop = subtype === 'error_max_turns' ? 'max-turns' : subtype === 'error_max_budget_usd' ? 'budget' : undefined;
  return [
    { kind: 'totals', tokensIn, tokensOut: num(usage.output_tokens), costUsd: cost, turns: typeof line.num_turns === 'number' ? line.num_turns : null },
    { kind: 'result', ok: line.is_error !== true && subtype === 'success', text: str(line.result) ?? (subtype || null), ...(stop ? { stop } : {}) },
  ];
}

export const claudeCode: EngineAdapter = {
  id: 'claude-code',
  title: 'Claude Code',
  program: 'claude',
  versionArgs: ['--version'],
  // --max-budget-usd came with 2.0.28 (its changelog).
  minVersion: '2.0.28',
  installHint: 'npm install -g @anthropic-ai/claude-code (then `claude` once to log in)',
  variables: ['ANTHROPIC_BASE_URL', 'ANTHROPIC_MODEL', 'CLAUDE_CONFIG_DIR', 'DISABLE_TELEMETRY', 'DISABLE_AUTOUPDATER'],
  configPaths: ['.claude', '.claude.json'],
  enforces: [
    'edits only through its permission mode acceptEdits; shell commands only those allow-listed with --allowedTools (the check command)',
    'stops itself at --max-turns and at --max-budget-usd',
  ],
  cannot: ['its own permission rules are advisory to Fleet Control: the OS sandbox, not Claude Code, keeps writes inside the working copy', 'reports cost only at the end of the session (the result line)'],
  reportsCost: true,
  reportsTokens: true,
  canResume: true,
  command(input) {
    const args = ['claude', '-p', '--output-format', 'stream-json', '--verbose', '--permission-mode', 'acceptEdits', '--max-turns', String(input.maxTurns)];
    if (input.model) args.push('--model', shellWord(input.model));
    if (input.budgetUsd !== null) args.push('--max-budget-usd', input.budgetUsd.toFixed(4));
    if (input.resumeSession) args.push('--resume', shellWord(input.resumeSession));
    if (input.allowedCommands.length > 0) args.push('--allowedTools', ...input.allowedCommands.map((c) => shellWord(`Bash(${c}:*)`)));
    return `${args.join(' ')} < ${shellWord(input.promptFile)}`;
  },
  parser() {
    let lastMessage: string | null = null;
    return (text) => {
      const line = jsonLine(text);
      if (!line) return [unreadLine('Claude Code', text)];
      switch (line.type) {
        case 'system':
          return line.subtype === 'init' && typeof line.session_id === 'string' ? [{ kind: 'session', sessionId: line.session_id, ...(typeof line.model === 'string' ? { model: line.model } : {}) }] : [];
        case 'assistant': {
          const message = line.message as { id?: unknown } | undefined;
          const events: EngineEvent[] = [];
          // One model response can arrive as several assistant lines (one per content block) sharing its id.
          const id = typeof message?.id === 'string' ? message.id : null;
          if (id === null || id !== lastMessage) events.push({ kind: 'turn' });
          lastMessage = id;
          for (const block of blocks(message)) {
            if (block.type === 'text' && typeof block.text === 'string') events.push({ kind: 'text', text: block.text });
            if (block.type === 'tool_use') events.push({ kind: 'tool-call', callId: String(block.id ?? ''), tool: String(block.name ?? 'tool'), args: block.input ?? {} });
          }
          return events;
        }
        case 'user':
          return blocks(line.message)
            .filter((block) => block.type === 'tool_result')
            .map((block) => ({ kind: 'tool-result', callId: String(block.tool_use_id ?? ''), ok: block.is_error !== true, result: resultText(block.content) }));
        case 'result':
          return resultEvents(line);
        default:
          return [];
      }
    };
  },
};
