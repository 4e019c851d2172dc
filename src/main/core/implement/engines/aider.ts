// Aider as an engine: `aider --message-file` (one message, then exit) with --yes-always, no commits of its own
// (--no-auto-commits --no-dirty-commits), plain output (--no-pretty --no-stream) and nothing written into the working
// copy but the agent's edits: history files to /dev/null, no .gitignore entry, its repo-map cache removed when it ends.
// It has no structured output: its lines are the transcript's text, "Applied edit to <path>" lines become edits, and
// the usage line (aider/coders/base_coder.py: "Tokens: 2.5k sent, 312 received. Cost: $0.01 message, $0.03 session.")
// gives tokens (rounded as printed) and the session's cost. The files it changed are read from the copy afterwards.

import type { EngineAdapter, EngineEvent, LineParser } from './types';
import { shellWord } from './shell-words';

const EDIT = /^Applied edit to (.+)$/;
const TOKENS = /Tokens: ([\d.]+k?) sent(?:, ([\d.]+k?) cache write)?(?:, ([\d.]+k?) cache hit)?, ([\d.]+k?) received\./;
const COST = /Cost: \$([\d.]+) message, \$([\d.]+) session\./;

/** A token count as aider prints it: 312, 2.5k, 25k. */
export function tokenCount(text: string | undefined): number {
  if (!text) return 0;
  const value = Number.parseFloat(text);
  return Number.isFinite(value) ? Math.round(text.endsWith('k') ? value * 1000 : value) : 0;
}

function aiderParser(): LineParser {
  let tokensIn = 0;
  let tokensOut = 0;
  let cost: number | null = null;
  let edits = 0;
  return (line) => {
    const events: EngineEvent[] = [];
    const edit = EDIT.exec(line.trim());
    if (edit) return [{ kind: 'tool', callId: `edit-${++edits}`, tool: 'edit', args: { path: edit[1] }, ok: true, result: line.trim() }];
    const tokens = TOKENS.exec(line);
    const spent = COST.exec(line);
    if (tokens) {
      // One usage line follows each model call.
      events.push({ kind: 'turn' });
      tokensIn += tokenCount(tokens[1]) + tokenCount(tokens[3]);
      tokensOut += tokenCount(tokens[4]);
    }
    if (spent) cost = Number.parseFloat(spent[2]!);
    if (tokens || spent) events.push({ kind: 'totals', tokensIn, tokensOut, costUsd: cost, turns: null });
    events.push({ kind: 'output', text: line });
    return events;
  };
}

export const aider: EngineAdapter = {
  id: 'aider',
  title: 'Aider',
  program: 'aider',
  versionArgs: ['--version'],
  installHint: 'python -m pip install aider-install && aider-install (or: pipx install aider-chat)',
  variables: ['OPENAI_API_BASE', 'ANTHROPIC_API_BASE', 'OLLAMA_API_BASE', 'AIDER_MODEL'],
  configPaths: ['.aider', '.aider.conf.yml', '.aider.model.settings.yml', '.aider.model.metadata.json'],
  enforces: [
    '--yes-always approves adding and editing files, while the shell commands it suggests need an explicit yes and are declined',
    'makes no commits of its own (--no-auto-commits --no-dirty-commits)',
    'runs the check command itself after its edits (--test-cmd with --auto-test)',
  ],
  cannot: [
    'no structured output: its plain output is the transcript; edits come from its "Applied edit to" lines and the working copy',
    'reports tokens rounded as printed and cost only for models in its price list; takes no spending limit: Fleet Control stops it when the session cost it prints reaches the budget',
    'cannot continue a session: a follow-up starts it again with the conversation summarised',
    'keep writes inside the working copy by itself (the OS sandbox does that)',
  ],
  reportsCost: true,
  reportsTokens: true,
  canResume: false,
  command(input) {
    const args = ['aider', '--message-file', shellWord(input.promptFile), '--yes-always', '--no-auto-commits', '--no-dirty-commits', '--no-gitignore'];
    args.push('--no-pretty', '--no-stream', '--no-fancy-input', '--no-check-update', '--no-show-release-notes', '--no-analytics', '--no-detect-urls', '--no-suggest-shell-commands');
    args.push('--input-history-file', '/dev/null', '--chat-history-file', '/dev/null');
    if (input.model) args.push('--model', shellWord(input.model));
    if (input.allowedCommands.length > 0) args.push('--test-cmd', shellWord(input.allowedCommands.join(' && ')), '--auto-test');
    // Its repo-map cache is written into the repository's root; it is not part of the change.
    return `${args.join(' ')} < /dev/null; status=$?; rm -rf ./.aider.tags.cache.v*; exit $status`;
  },
  parser: aiderParser,
};
