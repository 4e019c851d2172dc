// opencode as an engine: `opencode run --format json` (its non-interactive mode, packages/opencode/src/cli/cmd/run.ts
// in anomalyco/opencode, formerly sst/opencode), the prompt on stdin (run appends piped input to the message), the
// model as provider/model and its permission rules given for this launch alone through OPENCODE_PERMISSION: edits
// allowed, shell commands denied but the check command, web fetches and paths outside the working copy denied (run
// mode rejects whatever would still ask). The reader follows the JSON events run prints, each with sessionID:
// step_start, text {part.text}, tool_use {part: callID, tool, state {status, input, output, error}}, step_finish
// {part: cost, tokens {input, output, reasoning, cache {read, write}}}, error {error {name, data.message}}, done.

import type { EngineAdapter, EngineEvent, LineParser } from './types';
import { jsonLine, num, shellWord, str, unreadLine } from './shell-words';

type Part = Record<string, unknown>;

/** The permission rules of one launch: the last matching rule wins, so the catch-all comes first. */
export function permissionRules(allowedCommands: string[]): string {
  const bash: Record<string, string> = { '*': 'deny' };
  for (const command of allowedCommands) {
    bash[command] = 'allow';
    bash[`${command} *`] = 'allow';
  }
  return JSON.stringify({ edit: 'allow', bash, webfetch: 'deny', external_directory: 'deny' });
}

function opencodeParser(): LineParser {
  let session: string | null = null;
  let tokensIn = 0;
  let tokensOut = 0;
  let cost = 0;
  return (raw) => {
    const line = jsonLine(raw);
    if (!line) return [unreadLine('opencode', raw)];
    const events: EngineEvent[] = [];
    if (typeof line.sessionID === 'string' && line.sessionID !== session) {
      session = line.sessionID;
      events.push({ kind: 'session', sessionId: session });
    }
    const part = (line.part ?? {}) as Part;
    switch (line.type) {
      case 'step_start':
        events.push({ kind: 'turn' });
        break;
      case 'text':
        if (typeof part.text === 'string') events.push({ kind: 'text', text: part.text });
        break;
      case 'tool_use': {
        const state = (part.state ?? {}) as Part;
        const ok = state.status === 'completed';
        events.push({ kind: 'tool', callId: String(part.callID ?? ''), tool: String(part.tool ?? 'tool'), args: state.input ?? {}, ok, result: str(ok ? state.output : state.error) ?? '' });
        break;
      }
      case 'step_finish': {
        const tokens = (part.tokens ?? {}) as Part;
        const cache = (tokens.cache ?? {}) as Part;
        tokensIn += num(tokens.input) + num(cache.read) + num(cache.write);
        tokensOut += num(tokens.output) + num(tokens.reasoning);
        cost += num(part.cost);
        // Each step reports its own share; the session's totals are their sums.
        events.push({ kind: 'totals', tokensIn, tokensOut, costUsd: cost, turns: null });
        break;
      }
      case 'error': {
        const error = (line.error ?? {}) as { name?: unknown; data?: { message?: unknown } };
        events.push({ kind: 'result', ok: false, text: str(error.data?.message) ?? str(error.name) ?? 'an error' });
        break;
      }
      case 'done': {
        const rejected = Array.isArray(line.rejected) ? line.rejected.map(String) : [];
        if (rejected.length > 0) events.push({ kind: 'notice', level: 'warning', text: `opencode was refused what it asked for: ${rejected.join(', ')}` });
        break;
      }
    }
    return events;
  };
}

export const opencode: EngineAdapter = {
  id: 'opencode',
  title: 'opencode',
  program: 'opencode',
  versionArgs: ['--version'],
  installHint: 'npm install -g opencode-ai (then `opencode auth login`)',
  variables: ['OPENCODE_CONFIG', 'OPENCODE_CONFIG_DIR', 'ANTHROPIC_BASE_URL', 'OPENAI_BASE_URL'],
  configPaths: ['.local/share/opencode', '.config/opencode', '.cache/opencode', '.local/state/opencode'],
  enforces: [
    'its permission rules for the launch: edits allowed; shell commands denied except the check command; web fetches and paths outside the working copy denied; anything that would ask is rejected in run mode',
    'reports the cost of every step, so the budget watch stops it after the step that reaches the budget',
  ],
  cannot: [
    'take a turn or spending limit on the command line: the budget watch and the time cap end it',
    'confine the shell commands it is allowed to run (the OS sandbox does that)',
  ],
  reportsCost: true,
  reportsTokens: true,
  canResume: true,
  command(input) {
    const env = [`OPENCODE_PERMISSION=${shellWord(permissionRules(input.allowedCommands))}`, 'OPENCODE_DISABLE_AUTOUPDATE=true'];
    const args = ['opencode', 'run', '--format', 'json'];
    if (input.model) args.push('--model', shellWord(input.model));
    if (input.resumeSession) args.push('--session', shellWord(input.resumeSession));
    return `${env.join(' ')} ${args.join(' ')} < ${shellWord(input.promptFile)}`;
  },
  parser: opencodeParser,
};
