// The engines Fleet Control knows, by id: the built-in loop is not among them (the run service runs it itself).

import { aider } from './aider';
import { claudeCode } from './claude-code';
import { codex } from './codex';
import { custom } from './custom';
import { gemini } from './gemini';
import { opencode } from './opencode';
import { qwen } from './qwen';
import type { EngineAdapter } from './types';

/** In the order settings list them (the built-in loop first, which is not here). */
export const ENGINES: readonly EngineAdapter[] = [claudeCode, codex, gemini, aider, opencode, qwen, custom];

/** The adapter of `id`, or null when it is the built-in loop or unknown. */
export function engineById(id: string): EngineAdapter | null {
  return ENGINES.find((engine) => engine.id === id) ?? null;
}
