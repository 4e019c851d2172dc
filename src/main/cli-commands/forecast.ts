// `fleet-control forecast`: exit code 1 when a module conflicts with the target.

import { print, UsageError } from '../cli-io';
import { forecastCommand, parseTarget } from '../cli-merge';
import type { CommandInput } from '../cli-registry';

export async function run({ repo, values }: CommandInput): Promise<void> {
  const target = parseTarget(values.target, (message) => new UsageError(message));
  if (!(await forecastCommand(repo as string, { target, json: values.json === true }, print))) process.exitCode = 1;
}
