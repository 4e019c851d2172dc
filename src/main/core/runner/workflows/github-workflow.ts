// .github/workflows/fleet-control.yml: a workflow_dispatch workflow that runs one runner job. It is dispatched on the
// default branch (whose copy of this file and of the bundled CLI it uses), checks the bundle out from that commit,
// checks out the module branch itself, gives the provider keys to the Fleet Control step only, pushes the review
// branch in a separate step with the checkout's own token, and uploads the record as an artifact.

import { Document } from 'yaml';
import { generatedHeader, RUNNER_BUNDLE_PATH, RUNNER_NODE_VERSION, defaultRunnerKeys, runnerJobCommand, type RunnerFilesOptions } from './runner-files';

/** The workflow_dispatch inputs, as the app dispatches them (GitHub passes every value as a string). */
export const GITHUB_INPUTS = ['kind', 'module', 'tip', 'run_id', 'budget', 'engine', 'provider', 'model', 'base_url', 'max_minutes'] as const;

const BUNDLE_DIR = 'fleet-control';
const MODULE_DIR = 'module';
const OUT = '${{ runner.temp }}/fleet-control-out';

const input = (description: string, required: boolean, extra: Record<string, unknown> = {}) => ({ description, required, type: 'string', ...(required ? {} : { default: '' }), ...extra });

/** The workflow's text (YAML), generated for the workspace's branches and keys. */
export function githubWorkflow(options: RunnerFilesOptions): string {
  const keys = options.keys ?? defaultRunnerKeys();
  const workflow = {
    name: 'Fleet Control',
    'run-name': 'Fleet Control ${{ inputs.kind }} ${{ inputs.module }} (${{ inputs.run_id }})',
    on: {
      workflow_dispatch: {
        inputs: {
          kind: { description: 'implement (an implementation run) or check (the module check)', required: true, type: 'choice', options: ['implement', 'check'], default: 'implement' },
          module: input('The module id (its branch is checked out)', true),
          tip: input('The module branch tip the run must start from (full commit id)', true),
          run_id: input("The app's id of this remote run (names the review branch and the artifact)", true),
          budget: input('Dollars the run may spend at most (implement)', false),
          engine: input('builtin or an agent CLI installed on the runner', false),
          provider: input('Provider id (xai, openai, anthropic, ...)', false),
          model: input('Model name', false),
          base_url: input("The provider's address when not its default (a self-hosted runner's local server)", false),
          max_minutes: input('Time cap of the run in minutes', false),
        },
      },
    },
    // Pushing fleet/review/<module>/<run> is the only write; nothing else is granted.
    permissions: { contents: 'write' },
    // One job per module at a time; other modules run side by side, up to the runners available.
    concurrency: { group: 'fleet-control-${{ inputs.module }}', 'cancel-in-progress': false },
    jobs: {
      run: {
        name: '${{ inputs.kind }} ${{ inputs.module }}',
        'runs-on': options.runsOn ?? 'ubuntu-latest',
        'timeout-minutes': options.timeoutMinutes ?? 90,
        steps: [
          {
            name: 'Check out the bundled Fleet Control CLI (from the dispatched commit)',
            uses: 'actions/checkout@v4',
            with: { ref: '${{ github.sha }}', path: BUNDLE_DIR, 'sparse-checkout': '.fleet/runner', 'persist-credentials': false },
          },
          { name: 'Check out the module branch', uses: 'actions/checkout@v4', with: { ref: `${options.branchPrefix}\${{ inputs.module }}`, path: MODULE_DIR, 'fetch-depth': 1 } },
          {
            name: 'Fetch the base and workspace branches',
            'working-directory': MODULE_DIR,
            run: `git fetch --no-tags --depth=1 origin "+refs/heads/${options.baseBranch}:refs/heads/${options.baseBranch}" "+refs/heads/${options.workspaceBranch}:refs/heads/${options.workspaceBranch}"`,
          },
          { name: 'Set up Node.js', uses: 'actions/setup-node@v4', with: { 'node-version': RUNNER_NODE_VERSION } },
          {
            name: 'Run Fleet Control',
            id: 'fleet',
            'working-directory': MODULE_DIR,
            // Inputs reach the script as variables, never spliced into it; the keys are this step's alone.
            env: {
              FLEET_CONTROL_HOME: '${{ runner.temp }}/fleet-control-home',
              FLEET_KIND: '${{ inputs.kind }}',
              FLEET_MODULE: '${{ inputs.module }}',
              FLEET_TIP: '${{ inputs.tip }}',
              FLEET_RUN_ID: '${{ inputs.run_id }}',
              FLEET_BUDGET: '${{ inputs.budget }}',
              FLEET_ENGINE: '${{ inputs.engine }}',
              FLEET_PROVIDER: '${{ inputs.provider }}',
              FLEET_MODEL: '${{ inputs.model }}',
              FLEET_BASE_URL: '${{ inputs.base_url }}',
              FLEET_MAX_MINUTES: '${{ inputs.max_minutes }}',
              ...Object.fromEntries(keys.map((k) => [k.variable, `\${{ secrets.${k.secret} }}`])),
            },
            run: runnerJobCommand(`../${BUNDLE_DIR}/${RUNNER_BUNDLE_PATH}`, OUT.replace('${{ runner.temp }}', '$RUNNER_TEMP')),
          },
          {
            name: 'Push the review branch',
            if: "inputs.kind == 'implement' && steps.fleet.outcome == 'success'",
            'working-directory': MODULE_DIR,
            env: { FLEET_REVIEW: `fleet/review/\${{ inputs.module }}/\${{ inputs.run_id }}` },
            run: 'git push origin "refs/heads/$FLEET_REVIEW:refs/heads/$FLEET_REVIEW"',
          },
          {
            name: 'Upload the run record',
            if: 'always()',
            uses: 'actions/upload-artifact@v4',
            with: { name: 'fleet-control-${{ inputs.run_id }}', path: OUT, 'if-no-files-found': 'warn', 'retention-days': 14 },
          },
        ],
      },
    },
  };
  const document = new Document(workflow);
  document.commentBefore = generatedHeader('GitHub Actions workflow');
  return document.toString({ lineWidth: 0 });
}
