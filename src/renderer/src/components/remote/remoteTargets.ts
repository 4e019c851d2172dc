// Which CI targets the batch dialog offers, from the runner set-up of each remote: GitHub Actions on a GitHub remote
// and Azure Pipelines on an Azure DevOps remote whose pipeline file is on the default branch with a pipeline running
// it; otherwise why not.

import type { RemoteTarget } from '../../../../shared/types-remote';
import type { RunnerSetupState } from '../../../../shared/types-runner-setup';

/** Where a batch runs: here, or on a target through one remote. */
export type RunWhere = { target: 'here' } | { target: RemoteTarget; remote: string };

export type TargetOffer =
  | { kind: 'ready'; remotes: RunnerSetupState[] }
  | { kind: 'loading' }
  | { kind: 'no-remote' }
  /** The remote that came closest (a pull request open, an error, not set up): the dialog explains it. */
  | { kind: 'blocked'; state: RunnerSetupState };

const HOST: Record<RemoteTarget, RunnerSetupState['host']> = { github: 'github', azure: 'azure-devops' };

/** Whether runs can be dispatched on this remote to this target. */
export function usableFor(state: RunnerSetupState, target: RemoteTarget): boolean {
  if (state.host !== HOST[target] || state.error || state.bundle === 'missing') return false;
  // `ready` is per host: the workflow on GitHub; on Azure DevOps the pipeline file and a pipeline running it.
  return state.ready && (target === 'github' ? state.workflow !== 'missing' : state.pipeline !== 'missing');
}

/** What the dialog can say about one target. */
export function offerFor(states: readonly RunnerSetupState[] | null, target: RemoteTarget): TargetOffer {
  if (states === null) return { kind: 'loading' };
  const mine = states.filter((s) => s.host === HOST[target]);
  const ready = mine.filter((s) => usableFor(s, target));
  if (ready.length) return { kind: 'ready', remotes: ready };
  if (mine.length === 0) return { kind: 'no-remote' };
  // A pending pull request says most about what to do next, then a state that could not be read.
  const closest = mine.find((s) => s.phase === 'proposed') ?? mine.find((s) => !s.error) ?? mine[0]!;
  return { kind: 'blocked', state: closest };
}
