// The engines Fleet Control knows, by id: the built-in loop is not among them (the run service runs it itself).

import { claudeCode } from './claude-code';
import { codex } from './codex';
import { custom } from './custom';
import type { EngineAdapter } from './types';

export const ENGINES: readonly EngineAdapter[] = [claudeCode, codex, custom];

/** The adapter of `id`, or null when it is the built-in loop or unknown. */
export function engineById(id: string): EngineAdapter | null {
  return ENGINES.find((engine) => engine.id === id) ?? null;
}
