// `fleet-control fetch`: the report on stdout; exit code 1 when any remote failed, 130 after Ctrl+C.
// The remotes are asked for their refs first (cli-early.ts), and the app is loaded while they answer.

import { print } from '../cli-io';
import type { CommandInput } from '../cli-registry';
import { askRemotesEarly } from '../cli-early';

export async function run({ repo, values }: CommandInput): Promise<void> {
  const { early, store } = askRemotesEarly(repo as string, values.remote, 'fetch');
  try {
    await early.sent;
    const [{ withWorkspace }, { fetchCommand }] = await Promise.all([import('../cli-app'), import('../cli-remotes')]);
    const ok = await withWorkspace(repo as string, (app) => fetchCommand(app, values.remote, values.json === true, print), { secrets: store, remotes: { http: early.http } });
    if (!ok) process.exitCode ??= 1; // Ctrl+C's 130 stays
  } finally {
    early.dispose();
  }
}
