// A model's tool call checked against the tool's declaration: malformed JSON, an unknown tool, a missing, mistyped
// or extra field each become one sentence the model can act on (never an exception).

import type { z } from 'zod';
import { isToolName, TOOL_DEFINITIONS, TOOL_NAMES, toolUsage, type ToolArgs, type ToolName } from './tool-definitions';

export type ParsedCall = { ok: true; name: ToolName; args: ToolArgs<ToolName> } | { ok: false; error: string };

function describeIssue(issue: z.core.$ZodIssue, value: Record<string, unknown>): string {
  const field = issue.path.length > 0 ? `"${issue.path.join('.')}"` : '';
  if (issue.code === 'unrecognized_keys') return `unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
  if (issue.code === 'invalid_type') {
    const input = issue.path.length === 1 ? value[String(issue.path[0])] : null;
    if (input === undefined) return `missing field ${field} (${issue.expected})`;
    return `field ${field} must be ${issue.expected === 'int' ? 'an integer' : `a ${issue.expected}`}`;
  }
  if (issue.code === 'too_small') return `field ${field} is too small (at least ${String(issue.minimum)}${issue.origin === 'string' ? ' characters' : ''})`;
  if (issue.code === 'too_big') return `field ${field} is too large (at most ${String(issue.maximum)})`;
  return `field ${field}: ${issue.message}`;
}

/** Parses and validates one call; the error names what is wrong and how the tool is called. */
export function parseToolCall(name: string, rawArguments: string): ParsedCall {
  if (!isToolName(name)) return { ok: false, error: `There is no tool named "${name}". The tools are: ${TOOL_NAMES.join(', ')}.` };
  const usage = toolUsage(name);
  let value: unknown = {};
  const text = (rawArguments ?? '').trim();
  if (text !== '') {
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { ok: false, error: `The arguments of ${name} are not valid JSON (${(error as Error).message}); send one JSON object, as ${usage}.` };
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, error: `The arguments of ${name} must be one JSON object with named fields, as ${usage}.` };
  }
  const parsed = TOOL_DEFINITIONS[name].args.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => describeIssue(issue, value as Record<string, unknown>));
    return { ok: false, error: `The arguments of ${name} are not right: ${problems.join('; ')}. It is called as ${usage}.` };
  }
  return { ok: true, name, args: parsed.data };
}
