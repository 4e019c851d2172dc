// One workspace's command environment on this machine: `command-environment.json` in its app-data folder (names,
// plain values, the git choice) and the values of variables marked secret in the secret store. Never committed:
// what a teammate's commands see is each teammate's own choice.

import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { FleetError } from '../../../shared/errors';
import type { CommandEnvironment, CommandVariable, CommandVariableInput } from '../../../shared/types-launcher';
import { writeFileAtomic } from '../atomic';
import { workspaceDataDir } from '../paths';
import type { SecretStore } from '../remotes/secret-store';
import { allowListNames } from './allow-list';
import type { ResolvedVariable } from './command-env';
import type { Launcher } from './launcher';

const StoredSchema = z.object({
  variables: z.array(z.object({ name: z.string(), source: z.enum(['value', 'environment']), value: z.string().optional(), secret: z.boolean() })),
  userGitConfig: z.boolean(),
});
type Stored = z.infer<typeof StoredSchema>;

const EMPTY: Stored = { variables: [], userGitConfig: false };

/** The per-workspace command environments of one app-data folder. */
export class CommandEnvStore {
  constructor(
    private readonly appDataDir: string,
    private readonly secrets: SecretStore,
  ) {}

  private file(workspacePath: string): string {
    return join(workspaceDataDir(this.appDataDir, workspacePath), 'command-environment.json');
  }

  private secretKey(workspacePath: string, name: string): string {
    return `command-env/${basename(workspaceDataDir(this.appDataDir, workspacePath))}/${name}`;
  }

  private async read(workspacePath: string): Promise<Stored> {
    let text: string;
    try {
      text = await readFile(this.file(workspacePath), 'utf8');
    } catch {
      return EMPTY;
    }
    // A damaged file passes nothing extra (the safe side); saving the form writes it whole again.
    try {
      const parsed = StoredSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : EMPTY;
    } catch {
      return EMPTY;
    }
  }

  /** What the settings form shows: secret values are never returned, only whether one is stored. */
  async view(workspacePath: string, launcher: Launcher): Promise<CommandEnvironment> {
    const stored = await this.read(workspacePath);
    const variables: CommandVariable[] = [];
    for (const v of stored.variables) {
      const hasValue = v.source === 'value' && (v.secret ? (await this.secrets.get(this.secretKey(workspacePath, v.name))) !== null : v.value !== undefined);
      variables.push({ name: v.name, source: v.source, secret: v.secret, value: v.secret ? null : (v.value ?? null), hasValue });
    }
    const { method, reason } = await launcher.sandbox();
    return { variables, userGitConfig: stored.userGitConfig, allowList: [...allowListNames(), 'LC_*'], sandbox: { method, reason } };
  }

  /** Replaces the workspace's variables; a secret saved without a value keeps the one already stored. */
  async save(workspacePath: string, input: { variables: CommandVariableInput[]; userGitConfig: boolean }): Promise<void> {
    const before = await this.read(workspacePath);
    const next: Stored = { variables: [], userGitConfig: input.userGitConfig };
    const secretValues = new Map<string, string>();
    for (const v of input.variables) {
      const secret = v.secret === true;
      if (v.source === 'value' && v.value === undefined) {
        const kept = secret && before.variables.some((old) => old.name === v.name && old.secret && old.source === 'value');
        if (!kept) throw new FleetError('VARIABLE_REFUSED', `${v.name} needs a value (or choose to take it from the app's environment).`, { name: v.name });
      }
      if (secret && v.value !== undefined) secretValues.set(v.name, v.value);
      next.variables.push({ name: v.name, source: v.source, secret, ...(v.source === 'value' && !secret ? { value: v.value } : {}) });
    }
    for (const [name, value] of secretValues) await this.secrets.set(this.secretKey(workspacePath, name), value);
    await writeFileAtomic(this.file(workspacePath), `${JSON.stringify(next, null, 2)}\n`);
    // Secrets no longer listed as stored values are forgotten.
    const keep = new Set(next.variables.filter((v) => v.secret && v.source === 'value').map((v) => v.name));
    for (const old of before.variables) if (old.secret && !keep.has(old.name)) await this.secrets.delete(this.secretKey(workspacePath, old.name));
  }

  /** The variables with their values now (from the store, the secret store or the app's environment `host`). */
  async resolve(workspacePath: string, host: NodeJS.ProcessEnv): Promise<{ variables: ResolvedVariable[]; userGitConfig: boolean }> {
    const stored = await this.read(workspacePath);
    const variables: ResolvedVariable[] = [];
    for (const v of stored.variables) {
      const value = v.source === 'environment' ? host[v.name] : v.secret ? await this.secrets.get(this.secretKey(workspacePath, v.name)) : v.value;
      if (value !== undefined && value !== null) variables.push({ name: v.name, value, secret: v.secret });
    }
    return { variables, userGitConfig: stored.userGitConfig };
  }
}
