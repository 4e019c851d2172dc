// `fleet-control pr`: pull requests of modules; exit code 1 when any could not be opened or a remote could not be asked.

import { listValues, print, UsageError } from '../cli-io';
import { withWorkspace } from '../cli-app';
import { pullsCommand } from '../cli-pulls';
import type { CommandInput } from '../cli-registry';

export async function run({ repo, values }: CommandInput): Promise<void> {
  const modules = listValues(values.modules) ?? [];
  if ((values.remote?.length ?? 0) > 1) throw new UsageError('pr takes one --remote');
  if (modules.length > 0 && values.refresh) throw new UsageError('pr takes either --modules or --refresh, not both');
  const options = { modules, remote: values.remote?.[0], target: values.target, refresh: values.refresh === true, json: values.json === true };
  if (!(await withWorkspace(repo as string, (app) => pullsCommand(app, options, print)))) process.exitCode = 1;
}
