// The one gate for commands that come from the repository: before one runs on this machine for the first time,
// and again whenever its text changed, it is refused (COMMAND_NOT_TRUSTED, listing what needs consent) until the
// user confirms it. Whoever can push the workspace branch must not choose what runs on a teammate's machine.

import { MANIFEST_PATH } from '../../../shared/catalog';
import { FleetError } from '../../../shared/errors';
import { commandKey, type CommandConsent, type CommandOrigin, type RepoCommand, type UntrustedCommands } from '../../../shared/types-trust';
import type { Workspace } from '../workspace/workspace';
import { describeCommand, manifestCommands } from './repo-commands';
import { TrustStore } from './trust-store';

function unique(commands: RepoCommand[]): RepoCommand[] {
  const byKey = new Map<string, RepoCommand>();
  for (const c of commands) byKey.set(`${commandKey(c)}\0${c.command}`, { kind: c.kind, scope: c.scope, command: c.command });
  return [...byKey.values()];
}

function sentence(consent: CommandConsent): string {
  const what = describeCommand(consent);
  return consent.previous === null
    ? `${what} "${consent.command}" has not been confirmed on this machine`
    : `${what} changed since you confirmed it: "${consent.previous}" is now "${consent.command}"`;
}

/** Consent to repository commands for every workspace, remembered in the app-data folder. */
export class CommandTrust {
  private readonly stores = new Map<string, TrustStore>();

  constructor(private readonly appDataDir: string) {}

  /** The store of one workspace (one instance per path, so its writes queue up). */
  store(workspace: Pick<Workspace, 'path'>): TrustStore {
    let store = this.stores.get(workspace.path);
    if (!store) this.stores.set(workspace.path, (store = TrustStore.forWorkspace(this.appDataDir, workspace.path)));
    return store;
  }

  /** The commands among `commands` the user has not confirmed here, or confirmed with other text. */
  async needingConsent(workspace: Pick<Workspace, 'path'>, commands: RepoCommand[]): Promise<CommandConsent[]> {
    const trusted = await this.store(workspace).read();
    return unique(commands)
      .map((c) => ({ ...c, previous: trusted.get(commandKey(c))?.command ?? null }))
      .filter((c) => c.previous !== c.command);
  }

  /** Refuses with COMMAND_NOT_TRUSTED (data: UntrustedCommands) unless every command was confirmed with this exact text. */
  async requireTrusted(workspace: Workspace, commands: RepoCommand[]): Promise<void> {
    const needed = await this.needingConsent(workspace, commands);
    if (needed.length === 0) return;
    const origin = await commandOrigin(workspace);
    const data: UntrustedCommands = { commands: needed, origin };
    const message = `${needed.map(sentence).join('; ')}. It comes from ${origin.file} on ${origin.branch}: confirm it before it runs here.`;
    throw new FleetError('COMMAND_NOT_TRUSTED', message.charAt(0).toUpperCase() + message.slice(1), { ...data });
  }

  /** Records the user's confirmation of `commands`, each only if the manifest holds exactly that command now. */
  async confirm(workspace: Workspace, commands: RepoCommand[]): Promise<RepoCommand[]> {
    await workspace.refreshManifest();
    const current = new Map(manifestCommands(workspace.manifest).map((c) => [commandKey(c), c.command]));
    const wanted = unique(commands);
    for (const c of wanted) {
      const now = current.get(commandKey(c));
      if (now === c.command) continue;
      const there = now === undefined ? 'the manifest has no such command' : `the manifest holds "${now}"`;
      throw new FleetError('COMMAND_NOT_IN_MANIFEST', `Cannot confirm ${describeCommand(c)} "${c.command}": ${there} on ${workspace.manifest.workspaceBranch}.`, { ...c, current: now ?? null });
    }
    await this.store(workspace).trust(wanted);
    return wanted;
  }

  /** Commands the user set from the app itself count as confirmed by setting them. */
  async trustSetByUser(workspace: Pick<Workspace, 'path'>, commands: RepoCommand[]): Promise<void> {
    if (commands.length > 0) await this.store(workspace).trust(unique(commands));
  }
}

/** The manifest's branch and commit, and who made that commit (cheap: one commit read). */
export async function commandOrigin(workspace: Workspace): Promise<CommandOrigin> {
  const commit = workspace.manifestCommit;
  let author: string | null = null;
  if (commit) {
    const person = (await workspace.repo.readCommit(commit).catch(() => null))?.author;
    if (person) author = `${person.name} <${person.email}>`;
  }
  return { branch: workspace.manifest.workspaceBranch, file: MANIFEST_PATH, commit, author };
}
