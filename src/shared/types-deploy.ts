// Deploys after merge: the environments, what a deploy would send out (the plan), a deploy followed to the end
// (the run), what the deployment log on the workspace branch records, and each module's deployed state.

import type { DeployMethodType, EnvironmentDef } from './deploy-config';
import type { FleetErrorPayload } from './errors';
import type { ModuleCheckState } from './types';
import type { SandboxUse } from './types-launcher';
import type { UntrustedCommands } from './types-trust';

/** One environment as the Deploy screen lists it. */
export interface EnvironmentInfo {
  /** The manifest's definition, as committed. */
  def: EnvironmentDef;
  /** The branch it deploys from (the integration branch's or the base's name). */
  branch: string;
  /** How a deploy is confirmed: type the name, or a plain yes. */
  confirmation: 'name' | 'yes';
  /** Where the run happens, for people: "GitHub Actions deploy.yml on origin (acme/fleet)". */
  describe: string;
  /** The latest deploy recorded (any outcome), and the latest that succeeded. */
  last: DeploymentRecord | null;
  lastSucceeded: DeploymentRecord | null;
  /** A deploy of this environment running now, if any. */
  active: string | null;
}

export interface EnvironmentsView {
  environments: EnvironmentInfo[];
  /** The workspace branch tip the environments were read from (the expected tip of setEnvironments). */
  workspaceTip: string | null;
}

/** A module's CI state as the plan shows it (from the CI status layer when it is there). */
export interface PlannedCi {
  state: 'passing' | 'failing' | 'running' | 'none' | 'unknown';
  url: string | null;
}

/** A module merged into the target since the environment's last successful deploy. */
export interface PlannedModule {
  moduleId: string;
  title: string;
  branch: string;
  /** The module commit the target holds (its branch tip when fully merged, else the merged parent). */
  commit: string | null;
  check: ModuleCheckState | null;
  ci: PlannedCi | null;
}

/** What a deploy of an environment would send out now, and what it needs first. */
export interface DeployPlan {
  environment: EnvironmentInfo;
  /** The branch and its tip now; startDeploy must name this commit (null: the branch does not exist). */
  target: { kind: 'integration' | 'base'; branch: string; commit: string | null };
  /** The last successful deploy this plan compares with (null: never deployed). */
  since: DeploymentRecord | null;
  /** True when the target tip is the commit deployed last (nothing new goes out). */
  upToDate: boolean;
  modules: PlannedModule[];
  /** 'name': startDeploy's `confirm` must equal the environment's name. */
  confirmation: 'name' | 'yes';
  /** A command method's consent still missing on this machine (trustCommands first), else null. */
  untrusted: UntrustedCommands | null;
  /** Names (never values) of the credentials the command will get. */
  credentialNames: string[];
  /** Problems that stop a deploy now (no target branch, no token, a deploy already running); empty when it can start. */
  blockers: string[];
}

/** The stages of a deploy, in order. */
export type DeployPhase = 'preparing' | 'dispatching' | 'waiting' | 'running' | 'recording' | 'finished';

/** How a deploy ended. `error`: it could not be started or followed (the message says why). */
export type DeployOutcome = 'succeeded' | 'failed' | 'cancelled' | 'timed-out' | 'error';

export type DeployStepState = 'pending' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'skipped';

/** A job of a GitHub run, a stage of an Azure run, or the command itself. */
export interface DeployStep {
  name: string;
  state: DeployStepState;
  url: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface DeployLink {
  label: string;
  url: string;
}

/** A deploy being followed (or just ended): the deployProgress event carries it whole on every change. */
export interface DeployRun {
  deployId: string;
  environment: string;
  method: DeployMethodType;
  branch: string;
  commit: string;
  modules: string[];
  /** "Name <email>" from the repository's identity. */
  by: string;
  startedAt: string;
  finishedAt: string | null;
  phase: DeployPhase;
  /** 'running' until it ends. */
  state: 'running' | DeployOutcome;
  /** The latest sentence for people ("Waiting for GitHub to start the run", "Job deploy: running"). */
  message: string;
  steps: DeployStep[];
  /** The run's page, its jobs, the commit. */
  links: DeployLink[];
  error: FleetErrorPayload | null;
  /** Where the record was committed once it was: the file on the workspace branch and the commit. */
  recorded: { file: string; commit: string } | null;
  /** The command method's sandbox (null for the other methods). */
  sandbox: SandboxUse | null;
}

/** One deploy as the deployment log keeps it: `.fleet/deployments/<env>/<utc-time>-<id>.json` on the workspace branch. */
export interface DeploymentRecord {
  version: 1;
  id: string;
  environment: string;
  method: DeployMethodType;
  by: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  branch: string;
  commit: string;
  /** Modules merged since the environment's previous successful deploy. */
  modules: string[];
  outcome: DeployOutcome;
  /** Why it did not succeed, in one sentence (null when it did). */
  message: string | null;
  /** The run's page (GitHub Actions run, Azure Pipelines run), null for a command. */
  link: string | null;
  /** The file on the workspace branch (set when read). */
  file?: string;
}

export interface DeploymentList {
  /** Newest first. */
  records: DeploymentRecord[];
  /** Deploys running now. */
  active: DeployRun[];
}

/** A module's deployed state in one environment. */
export interface ModuleDeployment {
  environment: string;
  /** The latest successful deploy that sent out this module's changes. */
  deployId: string;
  deployedAt: string;
  commit: string;
  /** True when that environment's latest successful deploy holds the module branch's tip now. */
  current: boolean;
}

/** Per module: deployed to which environments and when (the board and the summary; merged is the card's phase). */
export interface ModuleDeployState {
  moduleId: string;
  deployments: ModuleDeployment[];
}

/** Output of a running deploy command, coalesced. */
export interface DeployOutput {
  deployId: string;
  chunk: string;
}

/** A deploy's log: the command's output, or the followed run's lines. */
export interface DeployLog {
  deployId: string;
  text: string | null;
  running: boolean;
}

/** A credential the user names for one environment's deploy command (kept on this machine, never in the manifest). */
export interface DeployCredential {
  name: string;
  source: 'value' | 'environment';
  /** Whether a stored value exists (values never leave main). */
  hasValue: boolean;
}

export interface DeployCredentials {
  environment: string;
  credentials: DeployCredential[];
}
