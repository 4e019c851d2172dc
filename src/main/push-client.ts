// The quick way in for `fleet-control push` (bin/fleet-control.cjs tries it before anything else): when a background
// helper answers for this build, user and environment (daemon/), the push is handed to it from here, without the
// command line's entry, its registry of commands, the redactor or the compile cache being loaded. Anything else (no
// helper, one that declines, any other command line, a usage error) returns null and the command line runs as usual;
// where no helper answered, its push starts one afterwards. This is the one place a push asks a helper: a push handed
// over is never run by the command line too.

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exitWhenWritten, failureLine, INTERRUPTED } from './cli-exit';
import { daemonAddress, daemonEnabled, noteNoHelperAt } from './daemon/address';
import { pushThroughDaemon } from './daemon/client';

/** The push's flags: cli-registry's FLAGS for `push` (a test checks they agree). */
export const PUSH_FLAGS = { remote: { type: 'string', multiple: true }, json: { type: 'boolean' } } as const;

/** The exit code once a helper ran the push (the process then exits by itself), or null: run the command line. */
export async function pushThroughHelper(argv: string[], mainDir: string): Promise<number | null> {
  if (argv[0] !== 'push' || !daemonEnabled()) return null;
  let parsed;
  try {
    parsed = parseArgs({ args: argv.slice(1), allowPositionals: true, strict: true, options: PUSH_FLAGS });
  } catch {
    return null; // the command line says what is wrong
  }
  if (parsed.positionals.length !== 1) return null;
  const address = daemonAddress(mainDir);
  if (!address) return null;
  const order = { repo: resolve(parsed.positionals[0]!), remotes: parsed.values.remote, json: parsed.values.json === true };
  let code: number;
  try {
    const debug = process.env.FLEET_DEBUG === '1';
    const served = await pushThroughDaemon(address, order, { out: (text) => void process.stdout.write(text), err: (text) => void process.stderr.write(text), debug });
    if (typeof served !== 'boolean') {
      if (served === 'none') noteNoHelperAt(address);
      return null;
    }
    code = served ? 0 : 1;
  } catch (error) {
    process.stderr.write(`${failureLine(error instanceof Error ? error.message : String(error))}\n`);
    code = 1;
  }
  // Ctrl+C's 130 stays.
  const exitCode = process.exitCode === INTERRUPTED ? INTERRUPTED : code;
  exitWhenWritten(exitCode);
  return exitCode;
}
