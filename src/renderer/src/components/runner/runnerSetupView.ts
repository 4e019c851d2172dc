// What the CI runners section says about one remote, decided from its set-up state: the headline sentence, the chip,
// which action is offered (open or update the set-up pull request, or on Azure Repos create the pipeline), and a line
// per file (pure, so it is tested without a DOM).

import type { RunnerFileStatus, RunnerPipelineDefinition, RunnerSetupState } from '../../../../shared/types-runner-setup';

export type RunnerChip = 'done' | 'waiting' | 'warning' | 'pipeline' | 'none' | 'unknown';

export interface RunnerSetupView {
  /** The locale key under runner.phase of the headline, with its values. */
  headline: string;
  values: Record<string, string | number>;
  chip: RunnerChip;
  /** Offer the set-up pull request (GitHub or Azure Repos, not set up or another version, none open). */
  canOpen: boolean;
  /** Azure Repos: offer to create the pipeline for the pipeline file now on the base. */
  canCreatePipeline: boolean;
  /** Azure Repos: the pipeline that runs the file, to link to. */
  pipelineDefinition: RunnerPipelineDefinition | null;
  /** The open (or last) set-up pull request to link to. */
  pull: RunnerSetupState['pull'];
  files: Array<{ id: 'workflow' | 'pipeline' | 'bundle'; path: string; status: RunnerFileStatus | 'unread' }>;
}

const PATHS = { workflow: '.github/workflows/fleet-control.yml', pipeline: '.azure-pipelines/fleet-control.yml', bundle: '.fleet/runner/fleet-control.cjs' } as const;

/** The view of one remote's state. */
export function runnerSetupView(state: RunnerSetupState): RunnerSetupView {
  const pullOpen = state.pull?.state === 'open' || state.pull?.state === 'draft';
  const read = state.source !== null && state.error === null;
  const files = (['workflow', 'pipeline', 'bundle'] as const).map((id) => ({ id, path: PATHS[id], status: read ? state[id] : ('unread' as const) }));
  const azure = state.host === 'azure-devops';
  const pipelineDefinition = state.pipelineDefinition ?? null;
  const base = { values: { base: state.baseBranch, number: state.pull?.number ?? 0, pipeline: pipelineDefinition?.name ?? '' }, pull: state.pull, files, pipelineDefinition, canCreatePipeline: false };
  const canOpen = state.canPropose && state.error === null && !pullOpen && (state.phase === 'not-set-up' || state.phase === 'outdated');
  // Azure Repos words: the pipeline file and its pipeline, "completed" pull requests.
  const on = (key: string) => (azure ? `azure${key[0]!.toUpperCase()}${key.slice(1)}` : key);
  switch (state.phase) {
    case 'ready':
      return { ...base, headline: on('ready'), chip: 'done', canOpen: false };
    case 'outdated':
      return { ...base, headline: on(pullOpen ? 'outdatedProposed' : 'outdated'), chip: 'warning', canOpen };
    case 'proposed':
      return { ...base, headline: on('proposed'), chip: 'waiting', canOpen: false };
    case 'needs-pipeline':
      return { ...base, headline: 'azureNeedsPipeline', chip: 'pipeline', canOpen: false, canCreatePipeline: state.canPropose && state.error === null };
    case 'not-set-up':
      return { ...base, headline: on(state.pull?.state === 'closed' ? 'closed' : 'notSetUp'), chip: 'none', canOpen };
    default:
      return { ...base, headline: state.error ? 'unreadable' : state.canPropose ? 'unknown' : 'notFetched', chip: 'unknown', canOpen: false };
  }
}
