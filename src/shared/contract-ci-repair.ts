// The CI repair part of the contract: the failure context of a module branch's failing CI, "Fix with agent" (an
// implementation run whose instruction holds it, recording which CI failure it repairs), the settings of automatic
// repair and what each module's repairs are doing. A repair ends as a run to review like any other.

import { z } from 'zod';
import { Empty, Oid, out } from './contract-kit';
import { ImplementRequestSchema } from './contract-implement';
import { RemoteNameSchema } from './contract-remotes';
import { SlugSchema } from './manifest';
import { ENGINE_IDS } from './types-engines';
import type { CiFailureContext, CiRepairSettings, CiRepairState } from './types-ci-repair';
import type { ImplementStarted } from './types-implement';

const CheckName = z.string().min(1, 'must not be empty').max(300);
const WebUrl = z.string().max(2000).regex(/^https?:\/\//i, 'must be an http(s) address');

/** Which failure a repair run repairs, as the failure context named it. */
export const CiRepairTargetSchema = z
  .object({
    remote: RemoteNameSchema,
    host: z.enum(['github', 'azure-devops']),
    tip: Oid,
    checks: z.array(CheckName).min(1, 'must name at least one failing check').max(100),
    url: WebUrl.nullable().optional(),
  })
  .strict();

/** An implementation request for one module (engine, model, caps and the editable instruction) plus the failure it repairs. */
export const StartCiRepairSchema = ImplementRequestSchema.omit({ modules: true, concurrency: true })
  .extend({ moduleId: SlugSchema, instruction: z.string().min(1, 'must not be empty').max(20_000, 'is longer than 20,000 characters'), repairs: CiRepairTargetSchema })
  .strict();

export const CiRepairSettingsSchema = z
  .object({
    auto: z.boolean(),
    maxPerBranch: z.number().int().min(1).max(10),
    engine: z.enum(ENGINE_IDS).optional(),
    provider: SlugSchema.optional(),
    model: z.string().min(1).max(200).optional(),
    budgetUsd: z.number().finite().min(0).max(1_000_000).nullable(),
    maxTurns: z.number().int().min(1).max(500).optional(),
    maxMinutes: z.number().int().min(1).max(24 * 60).optional(),
  })
  .strict();

export const ciRepairMethods = {
  /** The failing checks of a module branch at its tip on the host, with summaries, log excerpts and the repair instruction. */
  ciFailureContext: { input: z.object({ moduleId: SlugSchema, remote: RemoteNameSchema.optional(), tip: Oid.optional() }).strict(), output: out<CiFailureContext>() },
  /** "Fix with agent": an implementation run on the module whose instruction holds the failure; it ends in review. */
  startCiRepair: { input: StartCiRepairSchema, output: out<ImplementStarted>() },
  getCiRepairSettings: { input: Empty, output: out<CiRepairSettings>() },
  saveCiRepairSettings: { input: CiRepairSettingsSchema, output: out<CiRepairSettings>() },
  /** Per module with a repair or a word from automatic repair: repairing, waiting for review, the last notice. */
  listCiRepairs: { input: Empty, output: out<CiRepairState[]>() },
} as const;

export const ciRepairEvents = {
  ciRepairChanged: out<CiRepairState>(),
} as const;
