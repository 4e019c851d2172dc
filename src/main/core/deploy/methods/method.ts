// What every deploy method provides: `prepare` checks everything that can be checked before anything starts (the
// token, the workflow or pipeline, the ref, the consent) and fails with a FleetError naming the problem; the prepared
// deploy's `run` starts it and follows it to the end, reporting through the context, and says how it ended.

import type { EnvironmentDef } from '../../../../shared/deploy-config';
import type { DeployLink, DeployOutcome, DeployPhase, DeployStep } from '../../../../shared/types-deploy';
import type { SandboxUse } from '../../../../shared/types-launcher';
import type { Workspace } from '../../workspace/workspace';

export interface PrepareContext {
  workspace: Workspace;
  env: EnvironmentDef;
  /** The branch deployed and the commit it must be at. */
  branch: string;
  commit: string;
  signal?: AbortSignal;
}

/** What a run reports as it goes; each call updates the DeployRun the deployProgress event carries. */
export interface RunReport {
  phase?: DeployPhase;
  message?: string;
  steps?: DeployStep[];
  links?: DeployLink[];
  sandbox?: SandboxUse;
}

export interface RunContext extends PrepareContext {
  deployId: string;
  /** Aborted by cancelDeploy. */
  signal: AbortSignal;
  /** When the deploy must have ended (epoch ms): the environment's time limit. */
  deadline: number;
  report(change: RunReport): void;
  /** A line (or chunk) for the deploy's log. */
  output(text: string): void;
}

export interface MethodOutcome {
  outcome: DeployOutcome;
  /** Why it did not succeed, in one sentence; null when it did. */
  message: string | null;
  /** The run's page (GitHub Actions run, Azure Pipelines run). */
  link: string | null;
}

export interface PreparedDeploy {
  /** For the plan and the CLI: what will run, e.g. "deploy.yml on acme/fleet at fleet/integration". */
  describe: string;
  run(context: RunContext): Promise<MethodOutcome>;
}

export interface DeployMethodRunner {
  prepare(context: PrepareContext): Promise<PreparedDeploy>;
}
