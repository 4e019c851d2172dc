// The workspace manifest: committed at .fleet/manifest.json on the workspace branch.

import { z } from 'zod';
import { ChecksConfigSchema, ModuleCheckSchema } from './checks-config';
import { EnvironmentsSchema } from './deploy-config';

/** A lowercase slug: letters, digits and single dashes, as used in branch and folder names. */
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug: letters a-z, digits and single dashes (e.g. fleet-hub)')
  .max(64, 'must be at most 64 characters');

/** A git branch name we are willing to write: no spaces, no "..", no leading dash or slash. */
export const BranchNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(200)
  .refine(
    (s) =>
      !/[\s~^:?*[\\]/.test(s) &&
      ![...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f) &&
      !s.includes('..') &&
      !s.includes('@{') &&
      !s.startsWith('-') &&
      !s.startsWith('/') &&
      !s.endsWith('/') &&
      !s.endsWith('.') &&
      !s.endsWith('.lock') &&
      !s.includes('//') &&
      !s.split('/').some((part) => part.startsWith('.')),
    'must be a valid git branch name',
  );

export const BranchPrefixSchema = z
  .string()
  .regex(/^([a-z0-9][a-z0-9._-]*\/)*$/, 'must be empty or end with "/" (e.g. module/)');

export const FolderSchema = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9._-]*(\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/, 'must be a relative folder such as enhancements');

export const CategoryDefSchema = z.object({ id: SlugSchema, title: z.string().min(1).max(120) });

export const ModuleDefSchema = z.object({
  id: SlugSchema,
  title: z.string().min(1, 'must not be empty').max(120),
  category: SlugSchema,
  patterns: z.array(z.string().min(1).max(500)).max(200),
  /** This module's own check command or time limit (see checks-config.ts). */
  check: ModuleCheckSchema.optional(),
});

export const ManifestSchema = z
  .object({
    version: z.literal(1),
    baseBranch: BranchNameSchema,
    workspaceBranch: BranchNameSchema,
    branchPrefix: BranchPrefixSchema,
    docsFolder: FolderSchema,
    categories: z.array(CategoryDefSchema).min(1),
    modules: z.array(ModuleDefSchema).max(500),
    /** The command run on module branches by checks; absent: no checks configured. */
    checks: ChecksConfigSchema.optional(),
    /** Where merges go unless the user picks: absent means the integration branch (base branches are usually protected). */
    mergeTarget: z.enum(['base', 'integration']).optional(),
    /** The integration branch's name; absent: fleet/integration. */
    integrationBranch: BranchNameSchema.optional(),
    /** Deploy environments (staging from the integration branch, production from the base, ...); absent: none. */
    environments: EnvironmentsSchema.optional(),
  })
  .superRefine((m, ctx) => {
    const categoryIds = new Set<string>();
    m.categories.forEach((c, i) => {
      if (categoryIds.has(c.id)) ctx.addIssue({ code: 'custom', path: ['categories', i, 'id'], message: `duplicate category id "${c.id}"` });
      categoryIds.add(c.id);
    });
    const moduleIds = new Set<string>();
    m.modules.forEach((mod, i) => {
      if (moduleIds.has(mod.id)) ctx.addIssue({ code: 'custom', path: ['modules', i, 'id'], message: `duplicate module id "${mod.id}"` });
      moduleIds.add(mod.id);
      if (!categoryIds.has(mod.category)) {
        ctx.addIssue({ code: 'custom', path: ['modules', i, 'category'], message: `unknown category "${mod.category}"` });
      }
    });
    if (m.integrationBranch !== undefined && (m.integrationBranch === m.baseBranch || m.integrationBranch === m.workspaceBranch)) {
      ctx.addIssue({ code: 'custom', path: ['integrationBranch'], message: 'must differ from the base and workspace branches' });
    }
    if (m.workspaceBranch === m.baseBranch) {
      ctx.addIssue({ code: 'custom', path: ['workspaceBranch'], message: 'must differ from the base branch' });
    }
    if (m.branchPrefix !== '' && m.baseBranch.startsWith(m.branchPrefix)) {
      ctx.addIssue({ code: 'custom', path: ['branchPrefix'], message: 'must not contain the base branch' });
    }
  });

export type Manifest = z.infer<typeof ManifestSchema>;
export type ModuleDef = z.infer<typeof ModuleDefSchema>;
export type CategoryDef = z.infer<typeof CategoryDefSchema>;

/** "modules[3].id: must be a lowercase slug" for each problem, so the user sees which field is wrong. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
      .join('');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}
