// `fleet-control run`: a batch of agent runs; exit code 1 when any run failed or the batch stopped early.

import { withWorkspace } from '../cli-app';
import { print, printErr, UsageError } from '../cli-io';
import { parseRunValues, runCommand } from '../cli-run';
import type { CommandInput } from '../cli-registry';

export async function run({ repo, values }: CommandInput): Promise<void> {
  const options = parseRunValues(values, (m) => new UsageError(m));
  if (!(await withWorkspace(repo as string, (app) => runCommand(app, options, print, printErr)))) process.exitCode = 1;
}
