// The run service's parts bound to their modules: working copies and their diffs, the prompt and estimate, the agent
// loop, accept and the branch view.

import { FleetError } from '../../../../shared/errors';
import { acceptRunChanges } from '../accept/accept-run';
import { getBranchChanges, readBranchFile } from '../branch/branch-changes';
import { runImplementLoop } from '../loop/run-loop';
import { bindLauncher } from '../tools/command-tools';
import { createToolExecutor } from '../tools/tool-executor';
import { buildImplementPrompt } from '../prompt/build-prompt';
import { cliPrompt } from '../engines/cli-prompt';
import { assertCanImplement } from '../prompt/can-implement';
import { implementContextBudget, planModuleRun } from '../prompt/plan-run';
import { computeChanges } from '../working-copy/changes';
import { readSides, revertPath, writeUserEdit } from '../working-copy/review-edits';
import { WorkingCopies } from '../working-copy/working-copies';
import type { ImplementParts, WorkingCopiesRequest, WorkingCopyPort } from './parts';

/** Tokens of context an agent CLI's prompt carries: it reads more files with its own tools as it needs them. */
const CLI_CONTEXT_TOKENS = 32_000;

/** WorkingCopies and the change tracking of one workspace behind the service's port. */
function workingCopies(request: WorkingCopiesRequest): WorkingCopyPort {
  const copies = new WorkingCopies({ appDataDir: request.appDataDir, workspacePath: request.workspace().path, limit: request.limit });
  const repo = () => request.workspace().repo;
  return {
    root: copies.root,
    create: async (runId, commit, signal) => (await copies.create(runId, repo(), commit, signal)).dir,
    dir: (runId) => copies.dir(runId),
    exists: (runId) => copies.exists(runId),
    remove: (runId) => copies.remove(runId),
    usage: () => copies.usage(),
    sweep: (keep) => copies.sweep((runId) => keep.has(runId)),
    changes: (startTip, dir) => computeChanges(repo(), startTip, dir),
    sides: (startTip, dir, path) => readSides(repo(), startTip, dir, path),
    revert: async (startTip, dir, path) => {
      await revertPath(repo(), startTip, dir, path);
    },
    writeUserEdit: (dir, path, content) => writeUserEdit(dir, path, content),
  };
}

/** The parts as the app runs them. */
export function realParts(): ImplementParts {
  return {
    workingCopies,
    tools: ({ workspace, dir, startTip, runCheck, launch, settings }) =>
      createToolExecutor({
        dir,
        repo: workspace.repo,
        startTip,
        runCheck,
        // run_command: only what the user's allow-list (set on this machine, in app data) lets through.
        launch: bindLauncher(launch.launcher, { cwd: dir, timeoutMs: settings.commandTimeoutSeconds * 1000, variables: launch.variables, userGitConfig: launch.userGitConfig }),
        allowList: settings.commandAllowList,
      }),
    prompt: async ({ workspace, moduleId, tip, instruction, provider }) => {
      const prompt = await buildImplementPrompt({ workspace, moduleId, commit: tip, instruction, contextBudgetTokens: implementContextBudget(provider) });
      return { system: prompt.system, messages: [{ role: 'user', text: prompt.firstMessage }] };
    },
    enginePrompt: async ({ workspace, moduleId, tip, instruction }) => {
      const prompt = await buildImplementPrompt({ workspace, moduleId, commit: tip, instruction, contextBudgetTokens: CLI_CONTEXT_TOKENS });
      const module = workspace.manifest.modules.find((m) => m.id === moduleId)!;
      return cliPrompt({ moduleId, title: module.title, patterns: prompt.included.patterns, checkCommand: prompt.included.checkCommand, firstMessage: prompt.firstMessage });
    },
    estimateRun: async ({ workspace, moduleId, provider, maxTurns, price }) => {
      const tip = await workspace.repo.resolveRef(`refs/heads/${workspace.manifest.branchPrefix}${moduleId}`);
      if (!tip) throw new FleetError('BRANCH_NOT_FOUND', `The branch of module "${moduleId}" does not exist.`, { moduleId });
      const { prompt, lowUsd, highUsd } = await planModuleRun({ workspace, moduleId, commit: tip, provider, maxTurns, price });
      return { contextTokens: prompt.contextTokens, lowUsd, highUsd };
    },
    assertCanImplement,
    runLoop: runImplementLoop,
    accept: acceptRunChanges,
    branchChanges: getBranchChanges,
    readBranchFile,
  };
}
