// The command line's entry: parses the command line, then imports only the module of the command asked for (see
// cli-registry.ts), so `--help` and `--version` load nothing of the core. Runs in plain Node (never imports electron);
// prints one `error: …` line and exits 1 on failure, 2 on bad usage.

import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { COMMANDS, FLAGS, type CommandSpec, type FlagValues } from './cli-registry';
import { debug, print, printErr, setRunningCommand, UsageError } from './cli-io';
import { USAGE } from './cli-usage';
import { exitWhenWritten, failureLine, INTERRUPTED } from './cli-exit';

interface CommandLine {
  command: string;
  spec?: CommandSpec;
  repo: string | undefined;
  values: FlagValues;
}

function parseCommandLine(argv: string[]): CommandLine {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: FLAGS });
  } catch (error) {
    // Node's message goes on about positional arguments after '--'; the first sentence is the point.
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const [command, ...rest] = parsed.positionals;
  const values = parsed.values as FlagValues;
  if (values.help || values.version) return { command: values.help ? 'help' : 'version', repo: undefined, values };
  if (!command) throw new UsageError('no command given');
  const spec = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!spec) throw new UsageError(`unknown command "${command}"`);
  for (const name of Object.keys(values)) {
    if (!(spec.flags as readonly string[]).includes(name)) throw new UsageError(`${command} does not take --${name}`);
  }
  if (spec.repo === 'none' && rest.length > 0) throw new UsageError(`${command} takes no repository path`);
  if (rest.length > 1) throw new UsageError(`${command} takes one repository path, got ${rest.length}`);
  if (spec.repo === 'required' && rest.length === 0) throw new UsageError(`${command} needs the path of a repository`);
  return { command, spec, repo: rest[0], values };
}

async function run(argv: string[]): Promise<void> {
  const { command, spec, repo, values } = parseCommandLine(argv);
  if (command === 'help' || !spec) return void (command === 'help' ? process.stdout.write(USAGE) : print(version));
  if (spec.startsCommands) {
    // The waiter does nothing else: it exits with the process it started.
    const { leaveSecretsBehind } = await import('./core/launcher/secret-handover');
    if ((await leaveSecretsBehind()) === 'waiting') return new Promise<void>(() => undefined);
  }
  setRunningCommand(command);
  const module = await spec.load();
  return module.run({ repo, values, mainDir: __dirname });
}

function reportFailure(error: unknown): number {
  if (error instanceof UsageError) {
    printErr(`error: ${error.message} (see fleet-control --help)`);
    return 2;
  }
  printErr(failureLine(error instanceof Error ? error.message : String(error)));
  if (debug && error instanceof Error && error.stack) printErr(error.stack);
  // A command Ctrl+C interrupted (it set 130) still says so, whatever error its cancelled work ended with.
  return process.exitCode === INTERRUPTED ? INTERRUPTED : 1;
}

run(process.argv.slice(2)).then(
  // A finished command exits at once (its app is disposed of by then): waiting for the event loop to drain only gave
  // V8 time to collect the heap the process was about to free (~20 ms of a `status`), or a library's timer to hold it.
  () => exitWhenWritten(typeof process.exitCode === 'number' ? process.exitCode : 0),
  // A failed command must never hang either, whatever handle is still open.
  (error: unknown) => exitWhenWritten(reportFailure(error)),
);
