// The GitHub Actions method: the workflow file checked on the target commit (exists, has workflow_dispatch, takes the
// inputs), the branch on GitHub at that commit, then a workflow_dispatch with the ref and inputs. The run is the one
// the dispatch names (return_run_details, GitHub's API since 2026-02) or, on servers without it, the new
// workflow_dispatch run of that workflow on that commit; it is followed through its jobs to its conclusion.

import { basename } from 'node:path';
import { FleetError } from '../../../../shared/errors';
import type { GitHubActionsMethod } from '../../../../shared/deploy-config';
import { gitHubCall } from './github-call';
import { resolveCiHost, type CiServices, type GitHubCiHost } from '../../ci/ci-host';
import type { DeployMethodRunner, PrepareContext } from './method';
import type { FollowTuning } from './follow';
import { followGitHubRun } from './github-run';
import { checkWorkflowFile, workflowPath } from './workflow-file';

/** The environment's remote as a GitHub host (UNSUPPORTED when it is elsewhere). */
export async function gitHubHostOf(services: CiServices, prep: PrepareContext, remote: string | undefined): Promise<GitHubCiHost> {
  const host = await resolveCiHost(services, prep.workspace, { remote, signal: prep.signal });
  if (host.kind !== 'github') {
    throw new FleetError('UNSUPPORTED', `"${host.remote}" is on Azure DevOps, but ${prep.env.name} deploys through GitHub Actions: name a GitHub remote in the environment.`, { remote: host.remote });
  }
  return host;
}

/** The GitHub Actions deploy method over the CI host layer. */
export function gitHubActionsMethod(services: CiServices, tuning: FollowTuning = {}): DeployMethodRunner {
  return {
    async prepare(prep) {
      const method = prep.env.method as GitHubActionsMethod;
      const inputs = method.inputs ?? {};
      await checkWorkflowFile(prep.workspace, prep.branch, prep.commit, method.workflow, inputs);
      const host = await gitHubHostOf(services, prep, method.remote);
      const { owner, repo } = host;
      const branch = await gitHubCall(host, `read the branch ${prep.branch}`, () => host.octokit.rest.repos.getBranch({ owner, repo, branch: prep.branch }), (status, message) =>
        status === 404 && /branch not found/i.test(message)
          ? new FleetError('REF_NOT_FOUND', `GitHub has no branch ${prep.branch} in ${host.repository}: push it to "${host.remote}" first.`, { remote: host.remote, ref: prep.branch })
          : null,
      );
      if (branch.data.commit.sha !== prep.commit) {
        throw new FleetError(
          'BRANCH_NOT_PUSHED',
          `${prep.branch} on "${host.remote}" is at ${branch.data.commit.sha.slice(0, 7)}, not at ${prep.commit.slice(0, 7)} which this deploy is of: push ${prep.branch} first.`,
          { remote: host.remote, branch: prep.branch, remoteTip: branch.data.commit.sha, commit: prep.commit },
        );
      }
      const file = basename(workflowPath(method.workflow));
      const workflow = await gitHubCall(host, `read the workflow ${file}`, () => host.octokit.rest.actions.getWorkflow({ owner, repo, workflow_id: file }), (status) =>
        status === 404
          ? new FleetError('WORKFLOW_NOT_FOUND', `GitHub knows no workflow ${file} in ${host.repository}: a workflow must be on the default branch before it can be dispatched.`, { remote: host.remote, workflow: file })
          : null,
      );
      if (workflow.data.state !== 'active') {
        throw new FleetError('WORKFLOW_NOT_DISPATCHABLE', `The workflow ${file} is ${workflow.data.state.replace(/_/g, ' ')} on GitHub: enable it in the repository's Actions tab first.`, { workflow: file, state: workflow.data.state });
      }
      return {
        describe: `GitHub Actions ${file} on ${host.repository} at ${prep.branch}`,
        run: (context) => followGitHubRun(host, context, { file, workflowId: workflow.data.id, inputs, tuning }),
      };
    },
  };
}
