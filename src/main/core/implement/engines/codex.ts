// Codex as an engine: `codex exec --json` (its non-interactive mode; `codex exec resume <id>` for follow-ups) with
// the sandbox mode workspace-write, the prompt read from stdin (`-`). The parser follows the JSONL events `codex
// exec --json` documents in openai/codex codex-rs/exec/src/exec_events.rs: thread.started {thread_id},
// turn.started, turn.completed {usage: input_tokens, cached_input_tokens, output_tokens}, turn.failed {error},
// item.started/updated/completed {item: {id, type, ...}} with item types agent_message {text}, reasoning,
// command_execution {command, aggregated_output, exit_code, status}, file_change {changes [{path, kind}], status},
// mcp_tool_call {server, tool, arguments, result, error, status}, web_search, todo_list, error {message};
// request_user_input, and error {message}.

import type { EngineAdapter, EngineEvent } from './types';
import { jsonLine, num, shellWord, str, unreadLine } from './shell-words';

type Item = Record<string, unknown>;

function itemEvents(item: Item): EngineEvent[] {
  const id = String(item.id ?? '');
  const ok = item.status === 'completed';
  switch (item.type) {
    case 'agent_message':
      return typeof item.text === 'string' ? [{ kind: 'text', text: item.text }] : [];
    case 'command_execution':
      return [{ kind: 'tool', callId: id, tool: 'command', args: { command: item.command }, ok: ok && (item.exit_code === 0 || item.exit_code === undefined), result: `${str(item.aggregated_output) ?? ''}${typeof item.exit_code === 'number' ? `\n[exit code ${item.exit_code}]` : ''}` }];
    case 'file_change': {
      const changes = Array.isArray(item.changes) ? (item.changes as Item[]) : [];
      return [{ kind: 'tool', callId: id, tool: 'file_change', args: { changes }, ok, result: changes.map((c) => `${String(c.kind)} ${String(c.path)}`).join('\n') || String(item.status) }];
    }
    case 'mcp_tool_call': {
      const error = (item.error as { message?: unknown } | null)?.message;
      return [{ kind: 'tool', callId: id, tool: `${String(item.server)}.${String(item.tool)}`, args: item.arguments ?? {}, ok: ok && !error, result: typeof error === 'string' ? error : JSON.stringify(item.result ?? null) }];
    }
    case 'web_search':
      return [{ kind: 'tool', callId: id, tool: 'web_search', args: { query: item.query }, ok: true, result: '' }];
    case 'error':
      return [{ kind: 'notice', level: 'warning', text: `Codex: ${String(item.message ?? 'an error')}` }];
    default:
      return [];
  }
}

export const codex: EngineAdapter = {
  id: 'codex',
  title: 'Codex',
  program: 'codex',
  versionArgs: ['--version'],
  // `exec --json` prints thread.started / item.* events (read here) since 0.44 (openai/codex#4525).
  minVersion: '0.44.0',
  installHint: 'npm install -g @openai/codex (then `codex login`)',
  variables: ['OPENAI_BASE_URL', 'CODEX_HOME'],
  configPaths: ['.codex'],
  enforces: ['its sandbox mode workspace-write: writes only inside the working copy (and temp), no network for the commands it runs', 'never asks for approval in exec mode'],
  cannot: ['reports tokens but no cost (cost comes from the price list, or is unknown)', 'takes no spending limit of its own: Fleet Control stops it when the reported usage reaches the budget', 'no per-command allow-list in exec mode'],
  reportsCost: false,
  reportsTokens: true,
  canResume: true,
  command(input) {
    const args = ['codex', 'exec', '--json', '--sandbox', 'workspace-write', '--skip-git-repo-check', '-C', shellWord(input.workdir)];
    if (input.model) args.push('-m', shellWord(input.model));
    if (input.resumeSession) args.push('resume', shellWord(input.resumeSession));
    return `${args.join(' ')} - < ${shellWord(input.promptFile)}`;
  },
  parser() {
    return (text) => {
      const line = jsonLine(text);
      if (!line) return [unreadLine('Codex', text)];
      switch (line.type) {
        case 'thread.started':
          return typeof line.thread_id === 'string' ? [{ kind: 'session', sessionId: line.thread_id }] : [];
        case 'turn.started':
          return [{ kind: 'turn' }];
        case 'turn.completed': {
          const usage = (line.usage ?? {}) as Record<string, unknown>;
          // input_tokens already counts the cached ones (cached_input_tokens is the part of it served from cache).
          return [{ kind: 'usage', tokensIn: num(usage.input_tokens), tokensOut: num(usage.output_tokens) }];
        }
        case 'turn.failed':
          return [{ kind: 'result', ok: false, text: String((line.error as { message?: unknown } | null)?.message ?? 'the turn failed') }];
        case 'item.completed':
          return line.item && typeof line.item === 'object' ? itemEvents(line.item as Item) : [];
        case 'request_user_input':
          return [{ kind: 'question', text: JSON.stringify(line.questions ?? []) }];
        case 'error':
          return [{ kind: 'notice', level: 'error', text: `Codex: ${String(line.message ?? 'an error')}` }];
        default:
          return [];
      }
    };
  },
};
