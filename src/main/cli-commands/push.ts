// `fleet-control push`: the report on stdout; exit code 1 when any branch or remote failed, 130 after Ctrl+C.
// A background helper that answers for this build, user and environment runs it (daemon/; bin/fleet-control.cjs
// asks it first through push-client.ts); otherwise this process does, and starts a helper for the next push. Here the
// remotes are asked for their refs first (cli-early.ts), and the push's code is loaded while they answer.

import { resolve } from 'node:path';
import { cancelOnInterrupt, debug, print, printErr } from '../cli-io';
import type { CommandInput } from '../cli-registry';
import { redact } from '../core/secrets/redactor';
import { daemonAddress, daemonEnabled, helperTried } from '../daemon/address';
import { pushThroughDaemon } from '../daemon/client';
import { startDaemon } from '../daemon/start';

export async function run({ repo, values, mainDir }: CommandInput): Promise<void> {
  const path = resolve(repo as string);
  const json = values.json === true;
  const address = daemonEnabled() ? daemonAddress(mainDir) : null;
  // Asked already on the quick way in, or now (cli.js run directly).
  const tried = helperTried();
  const served = !address || tried ? (tried ?? 'declined') : await pushThroughDaemon(address, { repo: path, remotes: values.remote, json }, { out: (text) => void process.stdout.write(redact(text)), err: (text) => void process.stderr.write(redact(text)), debug });
  if (typeof served === 'boolean') {
    if (!served) process.exitCode ??= 1; // Ctrl+C's 130 stays
    return;
  }
  // Loaded only now: a push the helper takes needs none of it.
  const { askRemotesEarly } = await import('../cli-early');
  const { early, services } = askRemotesEarly(path, values.remote, 'push');
  const controller = new AbortController();
  const release = cancelOnInterrupt('push', () => controller.abort());
  try {
    await early.sent;
    const { pushCommand } = await import('../cli-remotes');
    const ok = await pushCommand(path, values.remote, services, { json, print, signal: controller.signal });
    if (!ok) process.exitCode ??= 1;
  } finally {
    release();
    early.dispose();
    if (address && served === 'none' && startDaemon(address) && process.stderr.isTTY) {
      // Said once per helper, as build tools with a daemon say it; scripts reading stderr are not told.
      printErr('Started a background helper for the next pushes (fleet-control daemon --stop ends it; FLEET_CONTROL_DAEMON=0 turns it off).');
    }
  }
}
