// The deploy environments as the manifest holds them: a name, the branch it deploys from (integration or base),
// how a deploy is confirmed, and one method (GitHub Actions workflow, Azure Pipelines run, or a command). zod only.

import { z } from 'zod';
import { CheckCommandSchema } from './checks-config';
import { safeRecord } from './contract-kit';

/** An environment's name: a lowercase slug (staging, production, eu-prod). */
export const EnvironmentNameSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug: letters a-z, digits and single dashes (e.g. staging)')
  .max(64, 'must be at most 64 characters');

const RemoteName = z
  .string()
  .min(1, 'must not be empty')
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a remote name such as origin');

/** Inputs or parameters passed to a pipeline: names to text values (GitHub takes at most 25 inputs). */
const PipelineInputs = safeRecord(z.string().max(4096, 'must be at most 4096 characters')).refine(
  (inputs) => Object.keys(inputs).length <= 25,
  'must have at most 25 entries',
);

/** Minutes a deploy may take in all before it is stopped: one minute to one day. */
export const DeployTimeoutSchema = z
  .number()
  .int('must be a whole number of minutes')
  .min(1, 'must be at least 1 minute')
  .max(1440, 'must be at most 1440 minutes (one day)');

export const GitHubActionsMethodSchema = z
  .object({
    type: z.literal('github-actions'),
    /** The git remote on GitHub whose token dispatches; absent: the workspace's first GitHub remote. */
    remote: RemoteName.optional(),
    /** The workflow file: a name under .github/workflows (deploy.yml) or its path. */
    workflow: z
      .string()
      .min(1, 'must not be empty')
      .max(300)
      .regex(/^(\.github\/workflows\/)?[A-Za-z0-9_.-]+\.ya?ml$/, 'must be a workflow file name such as deploy.yml (or .github/workflows/deploy.yml)'),
    inputs: PipelineInputs.optional(),
  })
  .strict();

export const AzurePipelinesMethodSchema = z
  .object({
    type: z.literal('azure-pipelines'),
    /** The git remote on Azure DevOps (its organisation and project, and its token); absent: the first such remote. */
    remote: RemoteName.optional(),
    /** The pipeline's id (a number) or its name. */
    pipeline: z.union([z.number().int().min(1, 'must be a pipeline id of 1 or more'), z.string().min(1, 'must not be empty').max(255)]),
    /** Template parameters of the run. */
    parameters: PipelineInputs.optional(),
  })
  .strict();

export const CommandMethodSchema = z
  .object({
    type: z.literal('command'),
    /** Run in a temporary checkout of the target commit; confirmed on each machine before it runs there. */
    command: CheckCommandSchema,
  })
  .strict();

export const DeployMethodSchema = z.discriminatedUnion('type', [GitHubActionsMethodSchema, AzurePipelinesMethodSchema, CommandMethodSchema]);

export const EnvironmentDefSchema = z
  .object({
    name: EnvironmentNameSchema,
    /** Deploys the integration branch's tip or the base branch's. */
    from: z.enum(['integration', 'base']),
    /** 'name': the user types the environment's name; 'yes': a plain yes. Default: 'name' from the base or for production. */
    confirm: z.enum(['name', 'yes']).optional(),
    timeoutMinutes: DeployTimeoutSchema.optional(),
    method: DeployMethodSchema,
  })
  .strict();

/** The manifest's environments: unique names. */
export const EnvironmentsSchema = z
  .array(EnvironmentDefSchema)
  .max(20, 'must have at most 20 environments')
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((env, i) => {
      if (seen.has(env.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate environment "${env.name}"` });
      seen.add(env.name);
    });
  });

export type EnvironmentDef = z.infer<typeof EnvironmentDefSchema>;
export type DeployMethod = z.infer<typeof DeployMethodSchema>;
export type DeployMethodType = DeployMethod['type'];
export type GitHubActionsMethod = z.infer<typeof GitHubActionsMethodSchema>;
export type AzurePipelinesMethod = z.infer<typeof AzurePipelinesMethodSchema>;
export type CommandMethod = z.infer<typeof CommandMethodSchema>;

/** Default time limit of a deploy when the environment names none. */
export const DEFAULT_DEPLOY_TIMEOUT_MINUTES = 60;

/** How an environment's deploy is confirmed: by typing its name from the base or for production, else yes/no. */
export function confirmationOf(env: Pick<EnvironmentDef, 'name' | 'from' | 'confirm'>): 'name' | 'yes' {
  return env.confirm ?? (env.from === 'base' || env.name === 'production' ? 'name' : 'yes');
}
