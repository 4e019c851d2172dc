// `fleet-control fetch`: the report on stdout; exit code 1 when any remote failed, 130 after Ctrl+C.

import { withWorkspace } from '../cli-app';
import { print } from '../cli-io';
import { fetchCommand } from '../cli-remotes';
import type { CommandInput } from '../cli-registry';

export async function run({ repo, values }: CommandInput): Promise<void> {
  const ok = await withWorkspace(repo as string, (app) => fetchCommand(app, values.remote, values.json === true, print));
  if (!ok) process.exitCode ??= 1; // Ctrl+C's 130 stays
}
