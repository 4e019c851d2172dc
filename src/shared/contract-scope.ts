// The scope part of the contract: a module's path patterns, a preview of an edited list on its branch, saving the
// list to the manifest (compare-and-swap on the workspace branch), suggestions and rejected suggestions.

import { z } from 'zod';
import { SlugSchema } from './manifest';
import { Oid, out } from './contract-kit';
import type { FileOwners, ModulePatterns, PatternPreview, PatternSuggestions, SavedPatterns } from './types-scope';

/** Glob syntax is checked in main (picomatch), which names the problem; here only size and shape. */
export const PatternSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(500, 'must be at most 500 characters')
  .refine((p) => ![...p].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), 'must not contain control characters');

export const PatternListSchema = z
  .array(PatternSchema)
  .max(200, 'may hold at most 200 patterns')
  .refine((list) => new Set(list).size === list.length, 'must not list the same pattern twice');

const ModuleInput = z.object({ moduleId: SlugSchema }).strict();

export const scopeMethods = {
  /** The module's committed patterns and the workspace-branch tip an edit starts from. */
  getModulePatterns: { input: ModuleInput, output: out<ModulePatterns>() },
  /** What `patterns` would match on the module's branch: per-pattern counts, total, a sample, problems. */
  previewModulePatterns: {
    input: z.object({ moduleId: SlugSchema, patterns: PatternListSchema }).strict(),
    output: out<PatternPreview>(),
  },
  /** Commits the module's new patterns to the manifest; BRANCH_MOVED when the workspace branch left `expectedTip`. */
  saveModulePatterns: {
    input: z.object({ moduleId: SlugSchema, patterns: PatternListSchema, expectedTip: Oid }).strict(),
    output: out<SavedPatterns>(),
  },
  /** Patterns from the repository's file names that would add files to `patterns` (default: the committed ones). */
  suggestModulePatterns: {
    input: z.object({ moduleId: SlugSchema, patterns: PatternListSchema.optional() }).strict(),
    output: out<PatternSuggestions>(),
  },
  /** Hides a suggestion for this module in this workspace (kept in the app-data folder). */
  rejectPatternSuggestion: {
    input: z.object({ moduleId: SlugSchema, pattern: PatternSchema }).strict(),
    output: out<{ rejected: string[] }>(),
  },
  /** Brings rejected suggestions back: the given ones, or all of the module's. */
  restorePatternSuggestions: {
    input: z.object({ moduleId: SlugSchema, patterns: z.array(PatternSchema).min(1).max(200).optional() }).strict(),
    output: out<{ rejected: string[] }>(),
  },
  /** Which modules own files whose path contains `query` (a glob with * or ?), and the owners of a path named exactly. */
  findFileOwners: {
    input: z.object({ query: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters') }).strict(),
    output: out<FileOwners>(),
  },
} as const;

export const scopeEvents = {} as const;
