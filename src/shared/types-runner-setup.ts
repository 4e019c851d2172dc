// "Set up CI runners" as the app shows it per remote: whether the workflow, the Azure pipeline and the bundled CLI
// are on the base branch (and the same as this app would write), the set-up pull request, and the secrets to add.

import type { FleetErrorPayload } from './errors';
import type { PullHostKind, PullRequestState } from './types-pulls';

/** A set-up file on the base branch: absent, the same bytes this app writes, or another version. */
export type RunnerFileStatus = 'missing' | 'current' | 'different';

/**
 * The remote's set-up in one word: 'ready' (workflow and bundle on the base, as this app writes them), 'outdated'
 * (there, but another version), 'proposed' (the set-up pull request is open), 'not-set-up', or 'unknown' (not read).
 * Azure Repos: 'needs-pipeline' when the pipeline file and the bundle are on the base but Azure Pipelines has no
 * pipeline for that file yet (the set-up job creates it); 'ready' needs that pipeline too.
 */
export type RunnerSetupPhase = 'ready' | 'outdated' | 'proposed' | 'needs-pipeline' | 'not-set-up' | 'unknown';

/** The Azure Pipelines pipeline that runs .azure-pipelines/fleet-control.yml from the remote's repository. */
export interface RunnerPipelineDefinition {
  id: number;
  name: string;
  /** Its page in Azure DevOps (runs, Edit -> Variables for the secret variables). */
  url: string;
}

export interface RunnerSetupPull {
  number: number;
  url: string;
  state: PullRequestState;
}

export interface RunnerSetupState {
  remote: string;
  host: PullHostKind;
  /** owner/repo on GitHub (the host's repository path elsewhere); null for an address that names none. */
  repository: string | null;
  /** The branch the files must be on (the workspace's base branch, where the pull request goes). */
  baseBranch: string;
  /** Where the files were read: GitHub's contents API or Azure Repos' items API now, or the last fetch's remote-tracking branch. */
  source: 'github-api' | 'azure-api' | 'fetched' | null;
  workflow: RunnerFileStatus;
  pipeline: RunnerFileStatus;
  /** The bundled CLI; 'current' when it is byte for byte this app's build. */
  bundle: RunnerFileStatus;
  /** Whether this app has its bundled CLI (a development build without `npm run build` has none). */
  appBundle: boolean;
  /** The newest set-up pull request (fleet/setup-ci-runners into the base), null when none was opened. */
  pull: RunnerSetupPull | null;
  /** The workflow and the bundle are on the base branch (Azure: the pipeline file, the bundle and its pipeline): runs can be dispatched on this remote. */
  ready: boolean;
  phase: RunnerSetupPhase;
  /** The app can open the set-up pull request here (a GitHub or Azure Repos remote). */
  canPropose: boolean;
  /** Azure Repos: the pipeline running the pipeline file (null: none yet); absent on other hosts. */
  pipelineDefinition?: RunnerPipelineDefinition | null;
  /** The repository secrets the workflow reads (names only; one is needed: the key of the provider runs use). */
  secretNames: string[];
  /** Where those secrets are added (GitHub: the Actions secrets page; Azure: the pipeline's page, else the pipelines); null when unknown. */
  secretsUrl: string | null;
  /** Why the state could not be read (no token, a refused token, the host down); the fields above are then 'unknown'. */
  error: FleetErrorPayload | null;
  checkedAt: string;
}

/**
 * The result of a finished set-up job: 'up-to-date' when the base already holds these files; 'pipeline-created' when
 * it did and the job created the Azure pipeline for them (with nothing to propose).
 */
export interface RunnerSetupResult {
  remote: string;
  outcome: 'opened' | 'existed' | 'up-to-date' | 'pipeline-created';
  commit: string | null;
  pull: RunnerSetupPull | null;
  /** Azure Repos: the pipeline the job created (null: it existed already, or the file is not on the base yet). */
  pipelineCreated?: RunnerPipelineDefinition | null;
}
