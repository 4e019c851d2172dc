// The deploy part of the contract (method -> zod input schema + output type); contract.ts spreads it in.
// A deploy returns its id at once; the deploy is followed to the end and reported as deployProgress events.

import { z } from 'zod';
import { Empty, Oid, out } from './contract-kit';
import { EnvironmentNameSchema, EnvironmentsSchema } from './deploy-config';
import type {
  DeployCredentials,
  DeployLog,
  DeployOutput,
  DeployPlan,
  DeployRun,
  DeploymentList,
  EnvironmentsView,
  ModuleDeployState,
} from './types-deploy';

const EnvironmentInput = z.object({ environment: EnvironmentNameSchema }).strict();
const DeployIdSchema = z.string().regex(/^[a-z0-9-]{6,64}$/, 'must be a deploy id');
const CredentialName = z
  .string()
  .max(128)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a variable name (letters, digits and _, not starting with a digit)')
  .refine((name) => !name.startsWith('FLEET_'), "FLEET_ variables are the app's own settings and tokens and are never passed to commands");

export const deployMethods = {
  /** The manifest's environments with their last deploys and any running one. */
  listEnvironments: { input: Empty, output: out<EnvironmentsView>() },
  /** Commits the manifest's environments (an empty list removes them) on the workspace branch. */
  setEnvironments: { input: z.object({ environments: EnvironmentsSchema, expectedTip: Oid.optional() }).strict(), output: out<EnvironmentsView>() },
  /** What a deploy of the environment would send out now: the commit, modules merged since its last deploy, blockers. */
  deployPlan: { input: EnvironmentInput, output: out<DeployPlan>() },
  /**
   * Starts a deploy of `commit` (the plan's target commit: BRANCH_MOVED when the branch moved since). `confirm` must be
   * the environment's name where the plan asks for it. Returns at once; deployProgress follows it to the end.
   */
  startDeploy: {
    input: z.object({ environment: EnvironmentNameSchema, commit: Oid, confirm: z.string().max(64).optional() }).strict(),
    output: out<{ deployId: string }>(),
  },
  /** Cancels a running deploy: the GitHub or Azure run is cancelled, a command is stopped; it is recorded as cancelled. */
  cancelDeploy: { input: z.object({ deployId: DeployIdSchema }).strict(), output: out<{ cancelled: boolean }>() },
  /** A deploy running now or finished since the app started (DEPLOY_NOT_FOUND otherwise). */
  getDeploy: { input: z.object({ deployId: DeployIdSchema }).strict(), output: out<DeployRun>() },
  /** The deployment log (newest first, optionally one environment's) and the deploys running now. */
  listDeployments: {
    input: z.object({ environment: EnvironmentNameSchema.optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
    output: out<DeploymentList>(),
  },
  /** A deploy's log on this machine (a command's output, a followed run's lines). */
  readDeployLog: { input: z.object({ deployId: DeployIdSchema }).strict(), output: out<DeployLog>() },
  /** Per module: the environments its changes were deployed to and when. */
  listModuleDeployments: { input: Empty, output: out<ModuleDeployState[]>() },
  /** The credentials (names, never values) the user named for an environment's deploy command on this machine. */
  getDeployCredentials: { input: EnvironmentInput, output: out<DeployCredentials>() },
  /** Replaces them; a credential from a stored value given without one keeps the stored value. */
  saveDeployCredentials: {
    input: z
      .object({
        environment: EnvironmentNameSchema,
        credentials: z
          .array(
            z
              .object({
                name: CredentialName,
                source: z.enum(['value', 'environment']),
                value: z
                  .string()
                  .max(32 * 1024)
                  .refine((v) => !v.includes('\0'), 'must not contain a NUL character')
                  .optional(),
              })
              .strict(),
          )
          .max(50),
      })
      .strict(),
    output: out<DeployCredentials>(),
  },
} as const;

export const deployEvents = {
  /** A deploy changed (phase, steps, message, links, outcome): the whole run. */
  deployProgress: out<DeployRun>(),
  /** A deploy command's output, coalesced. */
  deployOutput: out<DeployOutput>(),
  /** A deploy was recorded or the environments changed: lists and module states should be read again. */
  deploymentsChanged: out<{ environment: string | null }>(),
} as const;
