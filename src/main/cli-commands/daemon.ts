// `fleet-control daemon`: the background helper `push` starts for the next push (daemon/server.ts). By hand:
// `daemon --stop` ends the helper of this build, user and environment (what this shell's pushes use).

import { print } from '../cli-io';
import type { CommandInput } from '../cli-registry';
import { daemonAddress } from '../daemon/address';
import { stopDaemon } from '../daemon/client';

export async function run({ values, mainDir }: CommandInput): Promise<void> {
  if (values.stop) {
    const address = daemonAddress(mainDir);
    const pid = address ? await stopDaemon(address) : null;
    print(pid === null ? 'No background helper runs for this build and environment.' : `Stopped the background helper (pid ${pid}).`);
    return;
  }
  const { runDaemon } = await import('../daemon/server');
  await runDaemon(mainDir);
}
