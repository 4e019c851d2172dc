// The checks part of the contract (method -> zod input schema + output type); contract.ts spreads it in.
// Running checks returns a job id at once; output arrives as checkOutput, state changes as checkStatus.

import { z } from 'zod';
import { ChecksConfigSchema, ModuleCheckSchema } from './checks-config';
import { SlugSchema } from './manifest';
import { Empty, Oid, out } from './contract-kit';
import type { JobStarted } from './types';
import type { CheckLog, CheckOutput, CheckSettings, CheckStatus, ChecksOverview } from './types-checks';

const ModuleList = z.array(SlugSchema).min(1, 'must name at least one module').max(500);

export const checksMethods = {
  getCheckSettings: { input: Empty, output: out<CheckSettings>() },
  /** Commits the manifest's checks (null removes them) and per-module overrides on the workspace branch. */
  saveCheckSettings: {
    input: z
      .object({
        checks: ChecksConfigSchema.nullable(),
        overrides: z.array(z.object({ moduleId: SlugSchema, check: ModuleCheckSchema.nullable() }).strict()).max(500).optional(),
        expectedTip: Oid.optional(),
      })
      .strict(),
    output: out<CheckSettings>(),
  },
  /** Checks the given modules (or all with a branch) as one 'checks' job; a running job takes them in. */
  runChecks: { input: z.object({ modules: z.union([ModuleList, z.literal('all')]) }).strict(), output: out<JobStarted>() },
  /** Stops one module's queued or running check (cancelJob stops the whole job). */
  cancelCheck: { input: z.object({ moduleId: SlugSchema }).strict(), output: out<{ cancelled: boolean }>() },
  /** Latest results with `stale` judged against the branches now, and what is queued or running. */
  listChecks: { input: z.object({ modules: ModuleList.optional() }).strict(), output: out<ChecksOverview>() },
  /** A module's output so far while it runs, else its last log. */
  readCheckLog: { input: z.object({ moduleId: SlugSchema }).strict(), output: out<CheckLog>() },
} as const;

export const checksEvents = {
  checkOutput: out<CheckOutput>(),
  checkStatus: out<CheckStatus>(),
} as const;
