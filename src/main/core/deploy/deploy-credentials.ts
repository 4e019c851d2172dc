// The credentials one environment's deploy command gets, as the user named them on this machine: names in
// `deploy-credentials.json` in the workspace's app-data folder, stored values in the secret store. Never committed:
// whoever can push the manifest must not choose which of a teammate's secrets a command sees.

import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { FleetError } from '../../../shared/errors';
import type { DeployCredentials } from '../../../shared/types-deploy';
import { writeFileAtomic } from '../atomic';
import { workspaceDataDir } from '../paths';
import type { SecretStore } from '../remotes/secret-store';
import { registerSecret } from '../secrets/redactor';

const StoredSchema = z.record(z.string(), z.array(z.object({ name: z.string(), source: z.enum(['value', 'environment']) })));
type Stored = z.infer<typeof StoredSchema>;

export interface CredentialInput {
  name: string;
  source: 'value' | 'environment';
  value?: string;
}

export class DeployCredentialStore {
  constructor(
    private readonly appDataDir: string,
    private readonly secrets: SecretStore,
  ) {}

  private file(workspacePath: string): string {
    return join(workspaceDataDir(this.appDataDir, workspacePath), 'deploy-credentials.json');
  }

  private key(workspacePath: string, environment: string, name: string): string {
    return `deploy-credential/${basename(workspaceDataDir(this.appDataDir, workspacePath))}/${environment}/${name}`;
  }

  private async read(workspacePath: string): Promise<Stored> {
    try {
      const parsed = StoredSchema.safeParse(JSON.parse(await readFile(this.file(workspacePath), 'utf8')));
      // A damaged file names no credentials (the safe side); saving writes it whole again.
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  }

  /** The names (and whether a value is stored), never the values. */
  async view(workspacePath: string, environment: string): Promise<DeployCredentials> {
    const list = (await this.read(workspacePath))[environment] ?? [];
    const credentials = [];
    for (const c of list) {
      const hasValue = c.source === 'value' && (await this.secrets.get(this.key(workspacePath, environment, c.name))) !== null;
      credentials.push({ name: c.name, source: c.source, hasValue });
    }
    return { environment, credentials };
  }

  /** Replaces the environment's credentials; one from a stored value given without a value keeps the stored one. */
  async save(workspacePath: string, environment: string, input: CredentialInput[]): Promise<void> {
    const all = await this.read(workspacePath);
    const before = all[environment] ?? [];
    const seen = new Set<string>();
    for (const c of input) {
      if (seen.has(c.name)) throw new FleetError('INVALID_INPUT', `${c.name} is listed twice.`, { name: c.name });
      seen.add(c.name);
      if (c.source === 'environment' && c.value !== undefined) throw new FleetError('INVALID_INPUT', `${c.name} is taken from the app's environment, so it takes no value.`, { name: c.name });
      if (c.source === 'value' && c.value === undefined && !before.some((b) => b.name === c.name && b.source === 'value')) {
        throw new FleetError('VARIABLE_REFUSED', `${c.name} needs a value (or choose to take it from the app's environment).`, { name: c.name });
      }
    }
    for (const c of input) if (c.source === 'value' && c.value !== undefined) await this.secrets.set(this.key(workspacePath, environment, c.name), c.value);
    all[environment] = input.map((c) => ({ name: c.name, source: c.source }));
    if (all[environment]!.length === 0) delete all[environment];
    await writeFileAtomic(this.file(workspacePath), `${JSON.stringify(all, null, 2)}\n`);
    const keep = new Set(input.filter((c) => c.source === 'value').map((c) => c.name));
    for (const old of before) if (old.source === 'value' && !keep.has(old.name)) await this.secrets.delete(this.key(workspacePath, environment, old.name));
  }

  /** The names the command will get. */
  async names(workspacePath: string, environment: string): Promise<string[]> {
    return ((await this.read(workspacePath))[environment] ?? []).map((c) => c.name);
  }

  /** The values now; TOKEN_MISSING naming a credential that has none (not stored, or not in the app's environment). */
  async resolve(workspacePath: string, environment: string, host: NodeJS.ProcessEnv): Promise<Record<string, string>> {
    const values: Record<string, string> = {};
    for (const c of (await this.read(workspacePath))[environment] ?? []) {
      const value = c.source === 'environment' ? host[c.name] : await this.secrets.get(this.key(workspacePath, environment, c.name));
      if (value === undefined || value === null || value === '') {
        const where = c.source === 'environment' ? "is not set in the app's environment" : 'has no stored value';
        throw new FleetError('TOKEN_MISSING', `The credential ${c.name} named for the ${environment} deploy ${where}. Set it in the environment's credentials.`, { name: c.name, environment });
      }
      registerSecret(value);
      values[c.name] = value;
    }
    return values;
  }
}
