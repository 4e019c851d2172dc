// The built-in agent's tools, declared once: each name (stable: transcripts and provenance record it), the one-line
// description the model reads and the zod schema of its arguments. The providers' JSON Schemas are made from these
// schemas, and the same schemas validate every call the model makes.

import { z } from 'zod';
import type { ToolSpec } from '../../agents/providers/types';

const path = (what: string) => z.string().describe(`${what}, relative to the working copy's root ("src/index.ts")`);

/** Every tool: description and argument schema (objects refuse fields they do not name). */
export const TOOL_DEFINITIONS = {
  list_files: {
    description: 'List the files of the working copy (paths relative to its root), optionally only those matching a glob such as "src/**/*.ts".',
    args: z.object({ glob: z.string().optional().describe('A glob over the relative paths ("**/*.test.ts"); all files when absent') }).strict(),
  },
  read_file: {
    description: 'Read a text file of the working copy, a range of lines at a time (1-based; long files are cut and the result says how to read on).',
    args: z
      .object({
        path: path('The file'),
        offset: z.number().int().min(1).max(100_000_000).optional().describe('The first line to read (1-based); 1 when absent'),
        limit: z.number().int().min(1).max(100_000).optional().describe('How many lines to read; a bounded default when absent'),
      })
      .strict(),
  },
  search: {
    description: "Search the working copy's text files for a JavaScript regular expression (optionally only files matching a glob); answers path:line: text per match, bounded.",
    args: z
      .object({
        pattern: z.string().min(1).describe('A JavaScript regular expression, matched against each line ("function \\\\w+Run", "TODO")'),
        glob: z.string().optional().describe('Only files whose relative path matches this glob ("src/**/*.ts")'),
      })
      .strict(),
  },
  write_file: {
    description: 'Create a file or replace its whole content (missing folders are made). Prefer edit_file for changes to part of a file.',
    args: z.object({ path: path('The file'), content: z.string().describe('The complete new content') }).strict(),
  },
  edit_file: {
    description: 'Replace old_text with new_text in a file; old_text must occur exactly once, so include enough surrounding lines to make it unique.',
    args: z
      .object({
        path: path('The file'),
        old_text: z.string().min(1).describe('The exact text to replace, as it appears in the file (whitespace included)'),
        new_text: z.string().describe('The text to put in its place'),
      })
      .strict(),
  },
  delete_file: {
    description: 'Delete a file (a symbolic link is deleted itself, never what it points to).',
    args: z.object({ path: path('The file') }).strict(),
  },
  rename_file: {
    description: 'Move or rename a file; the target must not exist yet (missing folders are made).',
    args: z.object({ from: path('The file now'), to: path('Where it goes') }).strict(),
  },
  run_check: {
    description: "Run the module's check command (its tests) in the working copy; answers whether it passed, with the start and end of its output.",
    args: z.object({}).strict(),
  },
  run_command: {
    description: 'Run a shell command in the working copy (no pipes, redirections, ";", "&" or "$(...)"); only commands the user allowed for this workspace run.',
    args: z.object({ command: z.string().min(1).describe('The command line, e.g. "npm test -- src/a.test.ts"') }).strict(),
  },
  finish: {
    description: "End the work: summarise what you changed and why. The module's check runs afterwards; if it fails you get its output to repair.",
    args: z.object({ summary: z.string().min(1).describe('What changed and why, for the reviewer') }).strict(),
  },
} as const;

export type ToolName = keyof typeof TOOL_DEFINITIONS;
export type ToolArgs<N extends ToolName> = z.infer<(typeof TOOL_DEFINITIONS)[N]['args']>;

/** The tool names in declaration order. */
export const TOOL_NAMES = Object.keys(TOOL_DEFINITIONS) as ToolName[];

/** True when `name` is one of the tools. */
export function isToolName(name: string): name is ToolName {
  return Object.prototype.hasOwnProperty.call(TOOL_DEFINITIONS, name);
}

/** The JSON Schema of a tool's arguments as providers take it (no `$schema` line). */
export function toolJsonSchema(name: ToolName): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(TOOL_DEFINITIONS[name].args, { io: 'input' }) as Record<string, unknown>;
  return schema;
}

/** The tool list sent to the model; `allowList` is named in run_command's description so the model knows what it may run. */
export function toolSpecs(options: { allowList?: readonly string[] } = {}): ToolSpec[] {
  return TOOL_NAMES.map((name) => {
    let description: string = TOOL_DEFINITIONS[name].description;
    if (name === 'run_command') {
      const allowed = options.allowList ?? [];
      description += allowed.length > 0 ? ` Allowed here: ${allowed.map((entry) => `"${entry}"`).join(', ')}.` : ' No command is allowed in this workspace yet.';
    }
    return { name, description, parameters: toolJsonSchema(name) };
  });
}

/** How a tool is called, for messages: `edit_file(path, old_text, new_text)`, optional arguments with `?`. */
export function toolUsage(name: ToolName): string {
  const shape = TOOL_DEFINITIONS[name].args.shape as Record<string, z.ZodType>;
  const args = Object.entries(shape).map(([key, schema]) => (schema.safeParse(undefined).success ? `${key}?` : key));
  return `${name}(${args.join(', ')})`;
}
