// Before a remote batch dispatches anything: is the remote set up for CI runners (the workflow and the bundled CLI on
// the base branch, as Settings → Remotes → CI runners reads it)? Read once per batch start, so a batch that cannot
// start is refused with one clear error instead of every run failing with WORKFLOW_NOT_FOUND.

import { FleetError } from '../../../../shared/errors';
import type { RemoteTarget } from '../../../../shared/types-remote';
import type { PullServices } from '../../pulls/github-remote';
import type { Workspace } from '../../workspace/workspace';
import { findAppBundle } from '../app-bundle';
import { runnerSetupState } from '../setup-state';
import { AZURE_PIPELINE_PATH, GITHUB_WORKFLOW_PATH, RUNNER_BUNDLE_PATH } from '../workflows/runner-files';

const WHERE = 'Settings → Remotes → CI runners';

/**
 * RUNNER_NOT_SET_UP when the base branch of `remote` lacks the workflow (or pipeline) or the bundled CLI. An outdated
 * file is not refused (runs of an older set-up still work; the settings view offers the update), nor a state that
 * could not be read (the dispatch then says what is wrong).
 */
export async function requireRunnerSetUp(services: PullServices, workspace: Workspace, remote: string, target: RemoteTarget): Promise<void> {
  const state = await runnerSetupState(services, workspace, remote, await findAppBundle(services.env));
  if (state.error) return;
  const file = target === 'azure' ? AZURE_PIPELINE_PATH : GITHUB_WORKFLOW_PATH;
  const missing = [...((target === 'azure' ? state.pipeline : state.workflow) === 'missing' ? [file] : []), ...(state.bundle === 'missing' ? [RUNNER_BUNDLE_PATH] : [])];
  if (missing.length === 0) return;
  const pull = state.pull && (state.pull.state === 'open' || state.pull.state === 'draft') ? ` The set-up pull request is not merged yet: ${state.pull.url}.` : '';
  throw new FleetError(
    'RUNNER_NOT_SET_UP',
    `"${remote}" is not set up for CI runners: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not on ${state.baseBranch}.${pull} Set it up in ${WHERE} (Fleet Control opens the pull request), merge it, and start the batch again. Nothing was dispatched.`,
    { remote, missing, baseBranch: state.baseBranch, pullUrl: state.pull?.url ?? null, settings: 'remotes/ci-runners' },
  );
}
