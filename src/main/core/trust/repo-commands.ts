// Every command the committed manifest asks machines to run, by kind and scope: what a confirmation is checked
// against. Later kinds (deploy commands, run_command allow-lists, agent templates) add their lines here.

import type { Manifest } from '../../../shared/manifest';
import type { RepoCommand } from '../../../shared/types-trust';

/** The manifest's commands: the workspace's check command (`check:*`) and each module's own (`check:<id>`). */
export function manifestCommands(manifest: Manifest): RepoCommand[] {
  const commands: RepoCommand[] = [];
  if (manifest.checks?.command) commands.push({ kind: 'check', scope: '*', command: manifest.checks.command });
  for (const module of manifest.modules) {
    if (module.check?.command) commands.push({ kind: 'check', scope: module.id, command: module.check.command });
  }
  for (const env of manifest.environments ?? []) {
    if (env.method.type === 'command') commands.push({ kind: 'deploy', scope: env.name, command: env.method.command });
  }
  return commands;
}

/** How a command is named to the user: `the check command (every module)` / `the check command of module x`. */
export function describeCommand(command: Pick<RepoCommand, 'kind' | 'scope'>): string {
  const what = `the ${command.kind} command`;
  if (command.kind === 'deploy') return `${what} of environment ${command.scope}`;
  return command.scope === '*' ? `${what} (every module)` : `${what} of module ${command.scope}`;
}
