// The CI runner set-up part of the contract (method -> zod input schema + output type); contract.ts spreads it in.
// Per remote: are the workflow, the Azure pipeline and the bundled CLI on the base branch, and the set-up pull request
// that puts them there (opened as a job: progress through jobProgress, the outcome through jobFinished).

import { z } from 'zod';
import { out } from './contract-kit';
import { RemoteNameSchema } from './contract-remotes';
import type { RunnerSetupState } from './types-runner-setup';

export const runnerMethods = {
  /** The set-up state of `remote`, or of every remote (each with its own error when it could not be read). */
  runnerSetupState: { input: z.object({ remote: RemoteNameSchema.optional() }).strict(), output: out<RunnerSetupState[]>() },
  /** Writes fleet/setup-ci-runners, pushes it to the GitHub or Azure Repos `remote` and opens its pull request into the base; on Azure Repos also creates the pipeline once its file is on the base (a job). */
  proposeRunnerSetup: { input: z.object({ remote: RemoteNameSchema }).strict(), output: out<{ jobId: string }>() },
} as const;
