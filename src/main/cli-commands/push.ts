// `fleet-control push`: the report on stdout; exit code 1 when any branch or remote failed, 130 after Ctrl+C.
// The remotes are asked for their refs first (cli-early.ts), and the push's code is loaded while they answer.

import { print } from '../cli-io';
import type { CommandInput } from '../cli-registry';
import { askRemotesEarly } from '../cli-early';

export async function run({ repo, values }: CommandInput): Promise<void> {
  const { early, services } = askRemotesEarly(repo as string, values.remote, 'push');
  try {
    await early.sent;
    const { pushCommand } = await import('../cli-remotes');
    const ok = await pushCommand(repo as string, values.remote, services, values.json === true, print);
    if (!ok) process.exitCode ??= 1; // Ctrl+C's 130 stays
  } finally {
    early.dispose();
  }
}
