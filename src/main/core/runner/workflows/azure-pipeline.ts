// .azure-pipelines/fleet-control.yml: the Azure Pipelines equivalent of the GitHub workflow. Runs are queued by the
// app with template parameters on the default branch; the job copies the bundled CLI from that commit, switches to
// the module branch itself, maps the provider keys (secret variables) into the Fleet Control step's env only, pushes
// the review branch with the checkout's persisted credentials and publishes the record as a pipeline artifact.

import { Document } from 'yaml';
import { generatedHeader, RUNNER_BUNDLE_PATH, RUNNER_NODE_VERSION, defaultRunnerKeys, runnerJobCommand, type RunnerFilesOptions } from './runner-files';

/** The template parameters, as the app queues them. */
export const AZURE_PARAMETERS = ['kind', 'module', 'tip', 'runId', 'budget', 'engine', 'provider', 'model', 'baseUrl', 'maxMinutes'] as const;

const OUT = '$(Agent.TempDirectory)/fleet-control-out';
const BUNDLE = '$(Agent.TempDirectory)/fleet-control.cjs';

const text = (name: string, defaultValue?: string) => ({ name, type: 'string', ...(defaultValue !== undefined ? { default: defaultValue } : {}) });

/** The pipeline's text (YAML), generated for the workspace's branches and keys. */
export function azurePipeline(options: RunnerFilesOptions): string {
  const keys = options.keys ?? defaultRunnerKeys();
  const branch = `${options.branchPrefix}\${{ parameters.module }}`;
  const fetchOthers = `"+refs/heads/${options.baseBranch}:refs/heads/${options.baseBranch}" "+refs/heads/${options.workspaceBranch}:refs/heads/${options.workspaceBranch}"`;
  const pipeline = {
    name: 'Fleet Control ${{ parameters.kind }} ${{ parameters.module }} (${{ parameters.runId }})',
    // Queued by the app only: never on a push or a pull request.
    trigger: 'none',
    pr: 'none',
    parameters: [
      { name: 'kind', type: 'string', default: 'implement', values: ['implement', 'check'] },
      text('module'),
      text('tip'),
      text('runId'),
      text('budget', ' '),
      text('engine', ' '),
      text('provider', ' '),
      text('model', ' '),
      text('baseUrl', ' '),
      text('maxMinutes', ' '),
    ],
    jobs: [
      {
        job: 'fleet_control',
        displayName: '${{ parameters.kind }} ${{ parameters.module }}',
        timeoutInMinutes: options.timeoutMinutes ?? 90,
        pool: options.azurePool ? { name: options.azurePool } : { vmImage: 'ubuntu-latest' },
        steps: [
          { checkout: 'self', fetchDepth: 1, persistCredentials: true, displayName: 'Check out the dispatched commit' },
          { task: 'NodeTool@0', inputs: { versionSpec: `${RUNNER_NODE_VERSION}.x` }, displayName: 'Set up Node.js' },
          {
            // Azure runs a script step with plain bash (no -e): without this a failed fetch would go unnoticed.
            script: [
              'set -e',
              `cp "${RUNNER_BUNDLE_PATH}" "${BUNDLE}"`,
              `git fetch --no-tags --depth=1 origin "+refs/heads/$FLEET_BRANCH:refs/remotes/origin/$FLEET_BRANCH"`,
              'git checkout --force -B "$FLEET_BRANCH" "refs/remotes/origin/$FLEET_BRANCH"',
              `git fetch --no-tags --depth=1 origin ${fetchOthers}`,
            ].join('\n'),
            displayName: 'Check out the module branch',
            env: { FLEET_BRANCH: branch },
          },
          {
            script: runnerJobCommand(BUNDLE, OUT),
            displayName: 'Run Fleet Control',
            name: 'fleet',
            // Secret variables reach a script only when mapped: here, and nowhere else.
            env: {
              FLEET_CONTROL_HOME: '$(Agent.TempDirectory)/fleet-control-home',
              FLEET_KIND: '${{ parameters.kind }}',
              FLEET_MODULE: '${{ parameters.module }}',
              FLEET_TIP: '${{ parameters.tip }}',
              FLEET_RUN_ID: '${{ parameters.runId }}',
              FLEET_BUDGET: '${{ trim(parameters.budget) }}',
              FLEET_ENGINE: '${{ trim(parameters.engine) }}',
              FLEET_PROVIDER: '${{ trim(parameters.provider) }}',
              FLEET_MODEL: '${{ trim(parameters.model) }}',
              FLEET_BASE_URL: '${{ trim(parameters.baseUrl) }}',
              FLEET_MAX_MINUTES: '${{ trim(parameters.maxMinutes) }}',
              ...Object.fromEntries(keys.map((k) => [k.variable, `$(${k.secret})`])),
            },
          },
          {
            script: 'git push origin "refs/heads/$FLEET_REVIEW:refs/heads/$FLEET_REVIEW"',
            displayName: 'Push the review branch',
            condition: "and(succeeded(), eq('${{ parameters.kind }}', 'implement'))",
            env: { FLEET_REVIEW: 'fleet/review/${{ parameters.module }}/${{ parameters.runId }}' },
          },
          {
            task: 'PublishPipelineArtifact@1',
            displayName: 'Publish the run record',
            condition: 'always()',
            inputs: { targetPath: OUT, artifact: 'fleet-control-${{ parameters.runId }}', publishLocation: 'pipeline' },
          },
        ],
      },
    ],
  };
  const document = new Document(pipeline);
  document.commentBefore = generatedHeader('Azure Pipelines pipeline');
  return document.toString({ lineWidth: 0 });
}
