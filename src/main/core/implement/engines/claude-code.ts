// Claude Code as an engine: `claude -p` (print mode) with `--output-format stream-json --verbose`, reading the
// prompt from stdin; its output is read by the shared Claude-style stream-json reader (claude-stream.ts).

import { claudeStreamParser } from './claude-stream';
import { shellWord } from './shell-words';
import type { EngineAdapter } from './types';

export const claudeCode: EngineAdapter = {
  id: 'claude-code',
  title: 'Claude Code',
  program: 'claude',
  versionArgs: ['--version'],
  // --max-budget-usd came with 2.0.28 (its changelog).
  minVersion: '2.0.28',
  installHint: 'npm install -g @anthropic-ai/claude-code (then `claude` once to log in)',
  variables: ['ANTHROPIC_BASE_URL', 'ANTHROPIC_MODEL', 'CLAUDE_CONFIG_DIR', 'DISABLE_TELEMETRY', 'DISABLE_AUTOUPDATER', 'DISABLE_ERROR_REPORTING', 'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC'],
  configPaths: ['.claude', '.claude.json'],
  enforces: [
    'edits only through its permission mode acceptEdits; shell commands only those allow-listed with --allowedTools (the check command)',
    'stops itself at --max-turns and at --max-budget-usd',
  ],
  cannot: ['its own permission rules are advisory to Fleet Control: the OS sandbox, not Claude Code, keeps writes inside the working copy', 'reports cost only at the end of the session (the result line)'],
  reportsCost: true,
  reportsTokens: true,
  canResume: true,
  takesBudget: true,
  command(input) {
    const args = ['claude', '-p', '--output-format', 'stream-json', '--verbose', '--permission-mode', 'acceptEdits', '--max-turns', String(input.maxTurns)];
    if (input.model) args.push('--model', shellWord(input.model));
    if (input.budgetUsd !== null) args.push('--max-budget-usd', input.budgetUsd.toFixed(4));
    if (input.resumeSession) args.push('--resume', shellWord(input.resumeSession));
    if (input.allowedCommands.length > 0) args.push('--allowedTools', ...input.allowedCommands.map((c) => shellWord(`Bash(${c}:*)`)));
    return `${args.join(' ')} < ${shellWord(input.promptFile)}`;
  },
  parser() {
    return claudeStreamParser('Claude Code');
  },
};
