// `fleet-control merge`: exit code 1 when a module conflicts or was not merged.

import { listValues, print, printErr, UsageError } from '../cli-io';
import { mergeCommand, parseTarget } from '../cli-merge';
import type { CommandInput } from '../cli-registry';

export async function run({ repo, values }: CommandInput): Promise<void> {
  const target = parseTarget(values.target, (message) => new UsageError(message));
  const modules = listValues(values.modules);
  if (!modules?.length === !values.ready) throw new UsageError('merge needs either --modules a,b or --ready');
  const options = { target, json: values.json === true, modules, ready: values.ready, yes: values.yes };
  if (!(await mergeCommand(repo as string, options, print, printErr))) process.exitCode = 1;
}
