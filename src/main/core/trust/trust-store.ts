// The commands this machine's user confirmed for one workspace, in its app-data folder (`trusted-commands.json`,
// 0600, written atomically): per kind and scope, the exact text confirmed and when.

import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { commandKey, type RepoCommand } from '../../../shared/types-trust';
import { writeFileAtomic } from '../atomic';
import { workspaceDataDir } from '../paths';

/** One confirmation: the command text exactly as the user saw it. */
export interface TrustedCommand extends RepoCommand {
  confirmedAt: string;
}

interface TrustFile {
  version: 1;
  commands: Record<string, TrustedCommand>;
}

function isTrustedCommand(value: unknown): value is TrustedCommand {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.kind === 'string' && typeof v.scope === 'string' && typeof v.command === 'string' && typeof v.confirmedAt === 'string';
}

/** Where one workspace's confirmations live; writes are queued so two confirmations never lose each other. */
export class TrustStore {
  private writing: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  /** The store of the workspace at `workspacePath`, below the app-data folder. */
  static forWorkspace(appDataDir: string, workspacePath: string): TrustStore {
    return new TrustStore(join(workspaceDataDir(appDataDir, workspacePath), 'trusted-commands.json'));
  }

  /** Every confirmation by key (`check:*`). A missing or unreadable file trusts nothing: the user is asked again. */
  async read(): Promise<Map<string, TrustedCommand>> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(this.file, 'utf8'));
    } catch {
      return new Map();
    }
    const commands = (parsed as Partial<TrustFile> | null)?.commands;
    if (typeof commands !== 'object' || commands === null) return new Map();
    // A hand-edited entry whose key does not match its own kind and scope trusts nothing.
    return new Map(Object.entries(commands).filter(([key, entry]) => isTrustedCommand(entry) && commandKey(entry) === key));
  }

  /** Remembers `commands` as confirmed now, replacing what was confirmed before under the same keys. */
  trust(commands: RepoCommand[], now = new Date()): Promise<void> {
    const next = this.writing.then(async () => {
      const current = await this.read();
      for (const { kind, scope, command } of commands) current.set(commandKey({ kind, scope }), { kind, scope, command, confirmedAt: now.toISOString() });
      const file: TrustFile = { version: 1, commands: Object.fromEntries([...current].sort(([a], [b]) => a.localeCompare(b))) };
      // The folder holds the workspace's app data: only its owner may look inside.
      await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.file, `${JSON.stringify(file, null, 2)}\n`);
    });
    this.writing = next.catch(() => undefined);
    return next;
  }
}
