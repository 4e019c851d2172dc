// The command method: the target commit written into a temporary folder by the hardened tree writer, the
// environment's command run there through the secret-free launcher within the deploy's time limit, with only the
// credentials the user named for this environment, its output kept as the deploy's log. Consent first, as for checks.

import { FleetError } from '../../../../shared/errors';
import type { DeployStep } from '../../../../shared/types-deploy';
import { writeCommitToFolder } from '../../checkout/write-tree';
import type { CheckoutFolders } from '../../checks/checkout-folders';
import type { LaunchSetup } from '../../launcher/handlers';
import type { CommandTrust } from '../../trust/command-trust';
import { deployCommandOf } from '../environments';
import type { DeployMethodRunner, MethodOutcome, PrepareContext, RunContext } from './method';

export interface CommandMethodParts {
  trust: CommandTrust;
  launchSetup(workspacePath: string): Promise<LaunchSetup>;
  folders(workspacePath: string): CheckoutFolders;
  /** The credentials named for the environment, resolved now (TOKEN_MISSING when one has no value). */
  credentials(workspacePath: string, environment: string): Promise<Record<string, string>>;
  killGraceMs?: number;
}

function step(state: DeployStep['state'], startedAt: string | null, finishedAt: string | null = null): DeployStep[] {
  return [{ name: 'Deploy command', state, url: null, startedAt, finishedAt }];
}

/** The deploy method that runs a repository command on this machine. */
export function commandMethod(parts: CommandMethodParts): DeployMethodRunner {
  return {
    async prepare(prep: PrepareContext) {
      const command = deployCommandOf(prep.env);
      if (!command) throw new FleetError('INTERNAL', 'Not a command environment.');
      await parts.trust.requireTrusted(prep.workspace, [command]);
      const credentials = await parts.credentials(prep.workspace.path, prep.env.name);
      return {
        describe: `"${command.command}" in a temporary checkout of ${prep.commit.slice(0, 7)}`,
        run: (context) => runCommand(parts, context, command.command, credentials),
      };
    },
  };
}

async function runCommand(parts: CommandMethodParts, context: RunContext, command: string, credentials: Record<string, string>): Promise<MethodOutcome> {
  const { workspace, commit } = context;
  const folders = parts.folders(workspace.path);
  const dir = await folders.create(`deploy-${context.env.name}`);
  try {
    context.report({ phase: 'preparing', message: `Writing ${commit.slice(0, 7)} into a temporary folder`, steps: step('pending', null) });
    await writeCommitToFolder(workspace.repo, commit, dir, { signal: context.signal });
    const setup = await parts.launchSetup(workspace.path);
    const startedAt = new Date().toISOString();
    context.report({ phase: 'running', message: `Running ${command}`, steps: step('running', startedAt) });
    const outcome = await setup.launcher.run({
      command,
      cwd: dir,
      // The workspace's plain variables, never its secrets: a deploy command gets only the credentials named for it.
      variables: setup.variables.filter((v) => !v.secret),
      userGitConfig: setup.userGitConfig,
      credentials,
      timeoutMs: Math.max(1000, context.deadline - Date.now()),
      signal: context.signal,
      killGraceMs: parts.killGraceMs,
      onOutput: (chunk) => context.output(chunk.toString('utf8')),
    });
    const finishedAt = new Date().toISOString();
    context.report({ sandbox: outcome.sandbox });
    switch (outcome.ended) {
      case 'cancelled':
        context.report({ steps: step('cancelled', startedAt, finishedAt) });
        return { outcome: 'cancelled', message: 'The deploy command was stopped (cancelled).', link: null };
      case 'timed-out':
        context.report({ steps: step('cancelled', startedAt, finishedAt) });
        return { outcome: 'timed-out', message: 'The deploy command was stopped at the time limit.', link: null };
      case 'spawn-failed':
        context.report({ steps: step('failed', startedAt, finishedAt) });
        return { outcome: 'error', message: `The shell could not be started: ${outcome.spawnError ?? 'unknown reason'}`, link: null };
      default:
        if (outcome.exitCode === 0) {
          context.report({ steps: step('succeeded', startedAt, finishedAt) });
          return { outcome: 'succeeded', message: null, link: null };
        }
        context.report({ steps: step('failed', startedAt, finishedAt) });
        return {
          outcome: 'failed',
          message: outcome.exitCode === null ? `The deploy command was ended by ${outcome.signal ?? 'a signal'}.` : `The deploy command exited with code ${outcome.exitCode}.`,
          link: null,
        };
    }
  } finally {
    await folders.remove(dir);
  }
}
