// Qwen Code as an engine: `qwen -p` (headless mode, docs/users/features/headless.md in QwenLM/qwen-code) with
// `--output-format stream-json`, the prompt on stdin (headless mode, inherited from the Gemini CLI, appends `-p` to what stdin holds), approval mode
// auto-edit and its own turn limit. Though a Gemini CLI fork, its stream-json is the Claude-style message stream
// (system `session_start`, assistant, user, result), so the shared reader in claude-stream.ts reads it; its result
// carries tokens but no cost.

import { claudeStreamParser } from './claude-stream';
import { STDIN_TASK } from './gemini';
import { shellWord } from './shell-words';
import type { EngineAdapter } from './types';

export const qwen: EngineAdapter = {
  id: 'qwen',
  title: 'Qwen Code',
  program: 'qwen',
  versionArgs: ['--version'],
  installHint: 'npm install -g @qwen-code/qwen-code (then `qwen` once to log in, or set its OpenAI-compatible key)',
  variables: ['OPENAI_BASE_URL', 'OPENAI_MODEL', 'ANTHROPIC_BASE_URL', 'QWEN_HOME', 'QWEN_RUNTIME_DIR'],
  configPaths: ['.qwen'],
  enforces: [
    'approval mode auto-edit: edits are approved, other tools that need approval are refused in headless mode; shell commands only those allow-listed with --allowed-tools (the check command)',
    'stops itself at --max-session-turns',
  ],
  cannot: [
    'keep writes inside the working copy by itself (its --sandbox needs Docker or Podman; the OS sandbox confines it)',
    'reports tokens but no cost (cost comes from the price list, or is unknown)',
    'takes no spending limit of its own: Fleet Control stops it when the cost of its reported tokens reaches the budget',
  ],
  reportsCost: false,
  reportsTokens: true,
  canResume: true,
  command(input) {
    const args = ['qwen', '-p', shellWord(STDIN_TASK), '--output-format', 'stream-json', '--approval-mode', 'auto-edit', '--max-session-turns', String(input.maxTurns)];
    if (input.model) args.push('--model', shellWord(input.model));
    if (input.resumeSession) args.push('--resume', shellWord(input.resumeSession));
    for (const allowed of input.allowedCommands) args.push('--allowed-tools', shellWord(`run_shell_command(${allowed})`));
    return `${args.join(' ')} < ${shellWord(input.promptFile)}`;
  },
  parser() {
    return claudeStreamParser('Qwen Code');
  },
};
