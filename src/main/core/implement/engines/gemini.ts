// Gemini CLI as an engine: `gemini -p` (headless mode, docs/cli/headless.md in google-gemini/gemini-cli) with
// `--output-format stream-json`, the prompt on stdin (headless mode appends `-p` to what stdin holds), approval mode
// auto_edit and `--skip-trust` (headless mode refuses an untrusted folder). The reader follows the JSONL events of
// packages/core/src/output/types.ts: init {session_id, model}, message {role, content, delta}, tool_use {tool_name,
// tool_id, parameters}, tool_result {tool_id, status, output, error}, error {severity, message} and result {status,
// error, stats {input_tokens, output_tokens, ...}}. Assistant text arrives in chunks and is joined into one entry.

import type { EngineAdapter, EngineEvent, LineParser } from './types';
import { jsonLine, num, shellWord, str, unreadLine } from './shell-words';

/** What `-p` adds after the prompt read from stdin. */
export const STDIN_TASK = 'Carry out the task described above.';

function geminiParser(): LineParser {
  let text = '';
  let inTurn = false;
  // Text collected from the chunks so far, as one event, before whatever comes next.
  const flush = (): EngineEvent[] => {
    const out: EngineEvent[] = text ? [{ kind: 'text', text }] : [];
    text = '';
    return out;
  };
  const startTurn = (): EngineEvent[] => {
    if (inTurn) return [];
    inTurn = true;
    return [{ kind: 'turn' }];
  };
  const parse = (raw: string): EngineEvent[] => {
    const line = jsonLine(raw);
    // A stray line (stderr, a warning) does not cut the text being streamed.
    if (!line) return [unreadLine('Gemini CLI', raw)];
    switch (line.type) {
      case 'init':
        return typeof line.session_id === 'string' ? [{ kind: 'session', sessionId: line.session_id, ...(typeof line.model === 'string' ? { model: line.model } : {}) }] : [];
      case 'message': {
        if (line.role !== 'assistant') return flush();
        const events = startTurn();
        text += str(line.content) ?? '';
        return events;
      }
      case 'tool_use':
        return [...flush(), ...startTurn(), { kind: 'tool-call', callId: String(line.tool_id ?? ''), tool: String(line.tool_name ?? 'tool'), args: line.parameters ?? {} }];
      case 'tool_result': {
        inTurn = false;
        const error = str((line.error as { message?: unknown } | null)?.message);
        return [...flush(), { kind: 'tool-result', callId: String(line.tool_id ?? ''), ok: line.status === 'success', result: str(line.output) ?? error ?? '' }];
      }
      case 'error': {
        const message = str(line.message) ?? 'an error';
        // Its own turn limit (model.maxSessionTurns in its settings) ends the session with this error.
        if (/maximum session turns/i.test(message)) return [...flush(), { kind: 'result', ok: false, text: message, stop: 'max-turns' }];
        return [...flush(), { kind: 'notice', level: line.severity === 'error' ? 'error' : 'warning', text: `Gemini CLI: ${message}` }];
      }
      case 'result': {
        const stats = (line.stats ?? {}) as Record<string, unknown>;
        const error = str((line.error as { message?: unknown } | null)?.message);
        return [
          ...flush(),
          { kind: 'totals', tokensIn: num(stats.input_tokens), tokensOut: num(stats.output_tokens), costUsd: null, turns: null },
          { kind: 'result', ok: line.status === 'success', text: error },
        ];
      }
      default:
        return [];
    }
  };
  return Object.assign(parse, { end: flush });
}

export const gemini: EngineAdapter = {
  id: 'gemini',
  title: 'Gemini CLI',
  program: 'gemini',
  versionArgs: ['--version'],
  // --skip-trust (headless mode refuses an untrusted folder without it) came with 0.41.0 (google-gemini/gemini-cli#25814).
  minVersion: '0.41.0',
  installHint: 'npm install -g @google/gemini-cli (then `gemini` once to log in, or set GEMINI_API_KEY for it in the settings)',
  variables: ['GOOGLE_GEMINI_BASE_URL', 'GOOGLE_VERTEX_BASE_URL', 'GEMINI_MODEL', 'GOOGLE_CLOUD_PROJECT', 'GOOGLE_CLOUD_LOCATION', 'GOOGLE_GENAI_USE_VERTEXAI', 'GOOGLE_GENAI_USE_GCA', 'GEMINI_CLI_HOME'],
  configPaths: ['.gemini'],
  enforces: [
    'approval mode auto_edit: edits are approved, every other tool that would ask is refused in headless mode; shell commands only those allow-listed with --allowed-tools (the check command)',
    'its file tools refuse paths outside the workspace (the working copy)',
  ],
  cannot: [
    'take a turn limit on the command line (it lives in its settings as model.maxSessionTurns): the time cap and the budget watch end it',
    'reports tokens but no cost (cost comes from the price list, or is unknown), and takes no spending limit',
    'keep its shell commands inside the working copy by itself (its --sandbox needs Docker or Podman; the OS sandbox confines it)',
  ],
  reportsCost: false,
  reportsTokens: true,
  canResume: true,
  command(input) {
    const args = ['gemini', '-p', shellWord(STDIN_TASK), '--output-format', 'stream-json', '--approval-mode', 'auto_edit', '--skip-trust'];
    if (input.model) args.push('--model', shellWord(input.model));
    if (input.resumeSession) args.push('--resume', shellWord(input.resumeSession));
    for (const allowed of input.allowedCommands) args.push('--allowed-tools', shellWord(`run_shell_command(${allowed})`));
    return `${args.join(' ')} < ${shellWord(input.promptFile)}`;
  },
  parser: geminiParser,
};
