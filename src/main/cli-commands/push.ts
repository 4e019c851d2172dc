// `fleet-control push`: the report on stdout; exit code 1 when any branch or remote failed, 130 after Ctrl+C.

import { withWorkspace } from '../cli-app';
import { print } from '../cli-io';
import { pushCommand } from '../cli-remotes';
import type { CommandInput } from '../cli-registry';

export async function run({ repo, values }: CommandInput): Promise<void> {
  const ok = await withWorkspace(repo as string, (app) => pushCommand(app, values.remote, values.json === true, print));
  if (!ok) process.exitCode ??= 1; // Ctrl+C's 130 stays
}
