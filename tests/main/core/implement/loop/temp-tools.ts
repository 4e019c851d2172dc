// TEMPORARY bridge until createToolExecutor lands on main: a small ToolExecutor over a temp folder (read, write,
// edit, run_check, finish) so the loop can be exercised; replaced by the real tools before the final landing.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ToolExecutor, ToolOutcome } from '../../../../../src/main/core/implement/tools/types';

export function tempTools(root: string, check: (root: string) => { passed: boolean; output: string }): ToolExecutor & { changed: Set<string> } {
  const changed = new Set<string>();
  const error = (content: string): ToolOutcome => ({ ok: false, content: `Error: ${content}`, truncated: false });
  return {
    changed,
    specs: ['read_file', 'write_file', 'edit_file', 'run_check', 'finish'].map((name) => ({ name, description: name, parameters: { type: 'object', properties: {} } })),
    async changedCount() {
      return changed.size;
    },
    async execute(call) {
      let args: Record<string, string>;
      try {
        args = JSON.parse(call.arguments || '{}') as Record<string, string>;
      } catch {
        return error(`the arguments of ${call.name} are not valid JSON`);
      }
      const file = (p: string | undefined): string => join(root, String(p));
      switch (call.name) {
        case 'read_file':
          return existsSync(file(args.path)) ? { ok: true, content: readFileSync(file(args.path), 'utf8'), truncated: false } : error(`${args.path} does not exist`);
        case 'write_file':
          writeFileSync(file(args.path), String(args.content));
          changed.add(String(args.path));
          return { ok: true, content: `wrote ${args.path}`, truncated: false };
        case 'edit_file': {
          if (!existsSync(file(args.path))) return error(`${args.path} does not exist`);
          const text = readFileSync(file(args.path), 'utf8');
          const count = text.split(String(args.old_text)).length - 1;
          if (count !== 1) return error(`old_text occurs ${count} times in ${args.path}`);
          writeFileSync(file(args.path), text.replace(String(args.old_text), String(args.new_text)));
          changed.add(String(args.path));
          return { ok: true, content: `edited ${args.path}`, truncated: false };
        }
        case 'run_check': {
          const outcome = check(root);
          return { ok: true, content: outcome.output, truncated: false, check: { passed: outcome.passed, state: outcome.passed ? 'passed' : 'failed', exitCode: outcome.passed ? 0 : 1 } };
        }
        case 'finish':
          if (!args.summary) return error('finish needs a summary');
          return { ok: true, content: 'finished', truncated: false, finish: { summary: args.summary } };
        default:
          return error(`there is no tool named "${call.name}"`);
      }
    },
  };
}
