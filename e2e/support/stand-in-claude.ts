// A stand-in `claude` for the end-to-end tests: a small node script that answers `--version` like Claude Code and,
// in print mode, replays Claude Code's stream-json (system init, an assistant tool_use Edit, the user's tool_result,
// the result with total_cost_usd) while really making that edit in its working directory. It lives outside /tmp
// because the sandbox gives commands a private /tmp.

import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const STAND_IN_VERSION = '2.1.0 (Claude Code)';

export interface StandInEdit {
  path: string;
  oldText: string;
  newText: string;
}

function script(edit: StandInEdit): string {
  return `#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
if (process.argv.includes('--version')) {
  process.stdout.write(${JSON.stringify(STAND_IN_VERSION)} + '\\n');
  process.exit(0);
}
let prompt = '';
try { prompt = fs.readFileSync(0, 'utf8'); } catch {}
const edit = ${JSON.stringify(edit)};
const session = 'e2e-session-1';
const file = path.join(process.cwd(), edit.path);
const say = (line) => process.stdout.write((typeof line === 'string' ? line : JSON.stringify(line)) + '\\n');
const pause = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  say({ type: 'system', subtype: 'init', session_id: session, model: 'claude-stand-in', cwd: process.cwd(), tools: ['Read', 'Edit'], permissionMode: 'acceptEdits' });
  await pause(300);
  say({ type: 'assistant', session_id: session, message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-stand-in', content: [
    { type: 'text', text: 'The TO-BE asks the fleet page to render the summary (' + prompt.length + ' characters of task).' },
    { type: 'tool_use', id: 'toolu_1', name: 'Edit', input: { file_path: file, old_string: edit.oldText, new_string: edit.newText } },
  ], usage: { input_tokens: 900, output_tokens: 120 } } });
  const before = fs.readFileSync(file, 'utf8');
  const ok = before.includes(edit.oldText);
  if (ok) fs.writeFileSync(file, before.replace(edit.oldText, edit.newText));
  await pause(300);
  say({ type: 'user', session_id: session, message: { role: 'user', content: [
    { type: 'tool_result', tool_use_id: 'toolu_1', is_error: !ok, content: ok ? 'The file ' + file + ' has been updated.' : 'String to replace not found in file.' },
  ] } });
  say('stand-in: this line is not stream-json');
  await pause(300);
  say({ type: 'assistant', session_id: session, message: { id: 'msg_2', type: 'message', role: 'assistant', model: 'claude-stand-in', content: [{ type: 'text', text: 'Done: the fleet page renders the summary.' }], usage: { input_tokens: 1100, output_tokens: 40 } } });
  say({ type: 'result', subtype: 'success', is_error: false, duration_ms: 1200, num_turns: 2, result: 'The fleet page renders the fleet summary.', session_id: session, total_cost_usd: 0.0421, usage: { input_tokens: 2000, output_tokens: 160 } });
  process.exit(0);
})();
`;
}

/** A bin folder (outside /tmp) holding the stand-in `claude`; `remove` deletes it. */
export function standInClaude(edit: StandInEdit): { bin: string; remove: () => void } {
  const bin = mkdtempSync('/var/tmp/fleet-e2e-claude-');
  const file = join(bin, 'claude');
  writeFileSync(file, script(edit));
  chmodSync(file, 0o755);
  return { bin, remove: () => rmSync(bin, { recursive: true, force: true }) };
}
