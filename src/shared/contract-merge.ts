// The merge part of the contract: the conflict forecast, merges without a working tree, a conflict's three sides.
// Forecast and merge are jobs: jobProgress while they run, the MergeForecast / MergeReport in jobFinished.

import { z } from 'zod';
import { SlugSchema } from './manifest';
import { Oid, out } from './contract-kit';
import type { JobStarted } from './types';
import type { MergeForecast, MergeTarget, ThreeWayFile } from './types-merge';

const TargetKind = z.enum(['base', 'integration']);
const ModuleList = z.array(SlugSchema).min(1).max(500);

export const mergeMethods = {
  /** The target a merge goes to by default (integration when the base branch is protected) and both choices. */
  getMergeTargets: { input: z.object({}).strict(), output: out<{ default: MergeTarget; targets: MergeTarget[] }>() },
  /** Starts the forecast of every module branch (or the given ones) against the target. */
  forecastMerges: { input: z.object({ target: TargetKind.optional(), modules: ModuleList.optional() }).strict(), output: out<JobStarted>() },
  /** The last forecast computed in this process for the target, or null. */
  getLastForecast: { input: z.object({ target: TargetKind.optional() }).strict(), output: out<MergeForecast | null>() },
  /** Merges the modules in the given order; stops before writing anything at the first conflict. `expectedTargetTip`
   *  is the tip the user's forecast saw (BRANCH_MOVED if it moved since; null when the integration branch is new). */
  mergeModules: {
    input: z.object({ target: TargetKind, modules: ModuleList, expectedTargetTip: Oid.nullable().optional() }).strict(),
    output: out<JobStarted>(),
  },
  /** The base, target and module versions of one conflicting path, with the line merge and its markers. */
  readConflict: {
    input: z.object({ target: TargetKind, moduleId: SlugSchema, path: z.string().min(1).max(4096) }).strict(),
    output: out<ThreeWayFile>(),
  },
} as const;

export const mergeEvents = {} as const;
