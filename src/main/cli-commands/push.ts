// `fleet-control push`: the report on stdout; exit code 1 when any branch or remote failed, 130 after Ctrl+C.
// A background helper that answers for this build, user and environment runs pushes before this command line loads
// (bin/fleet-control.cjs through push-client.ts, daemon/). Here the push runs in this process: the remotes are asked
// for their refs first (cli-early.ts) and the push's code is loaded while they answer; where no helper answered, one
// is started afterwards for the next push.

import { resolve } from 'node:path';
import { cancelOnInterrupt, print, printErr } from '../cli-io';
import type { CommandInput } from '../cli-registry';
import { askRemotesEarly } from '../cli-early';
import { noHelperAt } from '../daemon/address';
import { startDaemon } from '../daemon/start';

export async function run({ repo, values }: CommandInput): Promise<void> {
  const path = resolve(repo as string);
  const { early, services } = askRemotesEarly(path, values.remote, 'push');
  const controller = new AbortController();
  const release = cancelOnInterrupt('push', () => controller.abort());
  try {
    await early.sent;
    const { pushCommand } = await import('../cli-remotes');
    const ok = await pushCommand(path, values.remote, services, { json: values.json === true, print, signal: controller.signal });
    if (!ok) process.exitCode ??= 1; // Ctrl+C's 130 stays
  } finally {
    release();
    early.dispose();
    const unanswered = noHelperAt();
    if (unanswered && startDaemon(unanswered) && process.stderr.isTTY) {
      // Said once per helper, as build tools with a daemon say it; scripts reading stderr are not told.
      printErr('Started a background helper for the next pushes (fleet-control daemon --stop ends it; FLEET_CONTROL_DAEMON=0 turns it off).');
    }
  }
}
